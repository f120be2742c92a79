package dev.keelson.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Facts from Kubernetes' labels/selector_test.go and the labels concept page. */
class SelectorTest {
  private static final String NAME_RULE =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
          + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  private static final String VALUE_RULE =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
          + " 'my_value',  or '12345', regex used for validation is"
          + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

  private static boolean matches(String selector, Map<String, String> labels) {
    return Selector.parse(selector).matches(labels);
  }

  @ParameterizedTest(name = "\"{0}\" is written \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "x=a,y=b,z=c|x=a,y=b,z=c",
        "''|''",
        "x!=a,y=b|x!=a,y=b",
        "x=|x=",
        "'x= '|x=",
        "'x=,z= '|x=,z=",
        "'x= ,z= '|x=,z=",
        "!x|!x",
        "x>1|x>1",
        "x>1,z<5|x>1,z<5",
        "x==a|x==a",
        "'  app = web , tier '|app=web,tier",
        "'z,y in (b,a),x'|x,y in (a,b),z",
        "'x in (abc,)'|'x in (,abc)'",
        "'x in (abc,abc)'|x in (abc)",
        "'x in ()'|x in ()",
        "'x notin ( )'|x notin ()",
        "'x in (a,,a,,a,,a,,)'|'x in (,a)'",
        "'x notin (abc,,def),bar,z in (),w'|'bar,w,x notin (,abc,def),z in ()'",
        "'a in (x,y,notin, z,in)'|'a in (in,notin,x,y,z)'",
        "'\rx'|x",
        "'foo  in\t (abc)'|foo in (abc)",
        "'x notin\n (abc)'|x notin (abc)",
        "'0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)'|'0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'",
        "this-is-a-dns.domain.com/key-with-dash|this-is-a-dns.domain.com/key-with-dash",
        "'environment in (production, qa)'|'environment in (production,qa)'",
        "'tier notin (frontend,backend),partition,!canary'|'!canary,partition,tier notin (backend,frontend)'",
        "in in (notin)|in in (notin)",
        "notin=in|notin=in",
        "x=a,x!=b|x=a,x!=b",
        "x!=b,x=a|x!=b,x=a",
      })
  void parsesAndWritesCanonically(String in, String out) {
    assertThat(Selector.parse(in).toString()).isEqualTo(out);
    assertThat(Selector.parse(out)).isEqualTo(Selector.parse(in));
  }

  @ParameterizedTest(name = "\"{0}\" is refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "',x'|found ',', expected: !, identifier, or 'end of string'",
        "x,,y|found ',', expected: identifier after ','",
        "a,|found '', expected: identifier after ','",
        "'a in (xyz),'|found '', expected: identifier after ','",
        "'a in (xyz)b notin ()'|found 'b', expected: ',' or 'end of string'",
        "'x=a b'|found 'b', expected: ',' or 'end of string'",
        "x==a==b|found '==', expected: ',' or 'end of string'",
        "!x=a|found '=', expected: ',' or 'end of string'",
        "(|found '(', expected: !, identifier, or 'end of string'",
        "=a|found '=', expected: !, identifier, or 'end of string'",
        "!=a|found '!=', expected: !, identifier, or 'end of string'",
        "'x nott in (y)'|unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt",
        "'a ('|unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt",
        "'a in (xyz abc)'|unable to parse requirement: found 'abc', expected: ',' or ')'",
        "'a notin('|unable to parse requirement: found '', expected: ',', ')' or identifier",
        "'a in (x'|unable to parse requirement: found '', expected: ',' or ')'",
        "'a in (x,'|unable to parse requirement: found '', expected: ',', or identifier",
        "'a in (x,='|unable to parse requirement: found '=', expected: ',', or identifier",
        "'x in a'|unable to parse requirement: found 'a' expected: '('",
        "!|unable to parse requirement: found '', expected: identifier",
        "!!x|unable to parse requirement: found '!', expected: identifier",
        "x=(|unable to parse requirement: found '(', expected: identifier",
        "x!==a|unable to parse requirement: found '=', expected: identifier",
        "x<a|unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer",
        "x>99999999999999999999|unable to parse requirement: values[0]: Invalid value: \"99999999999999999999\": for 'Gt', 'Lt' operators, the value must be an integer",
        "x>|unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators, the value must be an integer",
      })
  void malformedSelectorsAreRefusedWithKubernetesMessages(String in, String message) {
    assertThatThrownBy(() -> Selector.parse(in))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void keysMustBeQualifiedNames() {
    assertThatThrownBy(() -> Selector.parse("-x=a"))
        .hasMessage(
            "unable to parse requirement: <nil>: Invalid value: \"-x\": name part " + NAME_RULE);
    assertThatThrownBy(() -> Selector.parse("a/b/c"))
        .hasMessage(
            "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name "
                + NAME_RULE
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    assertThatThrownBy(() -> Selector.parse("/x"))
        .hasMessage(
            "unable to parse requirement: <nil>: Invalid value: \"/x\": prefix part must be non-empty");
    assertThatThrownBy(() -> Selector.parse("x/"))
        .hasMessage(
            "unable to parse requirement: <nil>: Invalid value: \"x/\": name part must be"
                + " non-empty; name part "
                + NAME_RULE);
    assertThatThrownBy(() -> Selector.parse("Example.com/x"))
        .hasMessage(
            "unable to parse requirement: <nil>: Invalid value: \"Example.com/x\": prefix part a"
                + " lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                + " characters, '-' or '.', and must start and end with an alphanumeric character"
                + " (e.g. 'example.com', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    String longName = "a".repeat(64);
    assertThatThrownBy(() -> Selector.parse(longName))
        .hasMessage(
            "unable to parse requirement: <nil>: Invalid value: \""
                + longName
                + "\": name part must be no more than 63 characters");
    assertThatThrownBy(() -> Selector.parse("a".repeat(254) + "/x"))
        .hasMessageContaining("prefix part must be no more than 253 characters");
    assertThat(Selector.parse("a".repeat(63)).requirements()).hasSize(1);
    assertThat(Selector.parse("example.com/" + "a".repeat(63) + "=b").requirements()).hasSize(1);
    assertThat(Selector.parse("app.kubernetes.io/name=web,A_b.C-9=x").requirements()).hasSize(2);
    assertThatThrownBy(() -> Selector.parse("ключ=a")).hasMessageContaining("name part must");
  }

  @Test
  void valuesMustBeLabelValues() {
    assertThatThrownBy(() -> Selector.parse("x=-a"))
        .hasMessage(
            "unable to parse requirement: values[0][x]: Invalid value: \"-a\": " + VALUE_RULE);
    assertThatThrownBy(() -> Selector.parse("x in (ok,b@d)"))
        .hasMessage(
            "unable to parse requirement: values[0][x]: Invalid value: \"b@d\": " + VALUE_RULE);
    String longValue = "v".repeat(64);
    assertThatThrownBy(() -> Selector.parse("x=" + longValue))
        .hasMessage(
            "unable to parse requirement: values[0][x]: Invalid value: \""
                + longValue
                + "\": must be no more than 63 characters");
    assertThatThrownBy(() -> Selector.parse("x=a||y=b"))
        .hasMessage(
            "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + VALUE_RULE);
    assertThatThrownBy(() -> Selector.parse("x>-5"))
        .hasMessage(
            "unable to parse requirement: values[0][x]: Invalid value: \"-5\": " + VALUE_RULE);
    assertThatThrownBy(() -> Selector.parse("x>-a"))
        .hasMessage(
            "unable to parse requirement: [values[0]: Invalid value: \"-a\": for 'Gt', 'Lt'"
                + " operators, the value must be an integer, values[0][x]: Invalid value: \"-a\": "
                + VALUE_RULE
                + "]");
    assertThat(Selector.parse("x=" + "v".repeat(63)).requirements()).hasSize(1);
  }

  @Test
  void nullIsRefused() {
    assertThatThrownBy(() -> Selector.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void matchesLikeKubernetes() {
    assertThat(matches("", Map.of("x", "y"))).isTrue();
    assertThat(matches("x=y", Map.of("x", "y"))).isTrue();
    assertThat(matches("x==y", Map.of("x", "y"))).isTrue();
    assertThat(matches("x=y,z=w", Map.of("x", "y", "z", "w"))).isTrue();
    assertThat(matches("x!=y,z!=w", Map.of("x", "z", "z", "a"))).isTrue();
    assertThat(matches("notin=in", Map.of("notin", "in"))).isTrue();
    assertThat(matches("x", Map.of("x", "z"))).isTrue();
    assertThat(matches("!x", Map.of("y", "z"))).isTrue();
    assertThat(matches("x>1", Map.of("x", "2"))).isTrue();
    assertThat(matches("x<1", Map.of("x", "0"))).isTrue();
    assertThat(matches("x<1", Map.of("x", "-5"))).isTrue();
    assertThat(matches("x=z", Map.of())).isFalse();
    assertThat(matches("x=y", Map.of("x", "z"))).isFalse();
    assertThat(matches("x=y,z=w", Map.of("x", "w", "z", "w"))).isFalse();
    assertThat(matches("x!=y,z!=w", Map.of("x", "z", "z", "w"))).isFalse();
    assertThat(matches("x", Map.of("y", "z"))).isFalse();
    assertThat(matches("!x", Map.of("x", "z"))).isFalse();
    assertThat(matches("x>1", Map.of("x", "0"))).isFalse();
    assertThat(matches("x<1", Map.of("x", "2"))).isFalse();
    assertThat(matches("x>1", Map.of())).as("absent").isFalse();
    assertThat(matches("x>1", Map.of("x", "two"))).as("not an integer").isFalse();
    assertThat(matches("x>1", Map.of("x", "1"))).isFalse();
    Map<String, String> labels = Map.of("foo", "bar", "baz", "blah");
    assertThat(matches("foo=bar,baz=blah", labels)).isTrue();
    assertThat(matches("foo=bar,foobar=bar,baz=blah", labels)).isFalse();
  }

  @Test
  void setBasedRequirementsFromTheLabelsPage() {
    Map<String, String> prod = Map.of("environment", "production", "tier", "frontend");
    Map<String, String> dev = Map.of("environment", "dev", "partition", "a");
    assertThat(matches("environment in (production, qa)", prod)).isTrue();
    assertThat(matches("environment in (production, qa)", dev)).isFalse();
    assertThat(matches("tier notin (frontend, backend)", prod)).isFalse();
    assertThat(matches("tier notin (frontend, backend)", dev)).as("absent key").isTrue();
    assertThat(matches("partition", dev)).isTrue();
    assertThat(matches("!partition", prod)).isTrue();
    assertThat(matches("partition,environment notin (qa)", dev)).isTrue();
    assertThat(matches("environment=production,tier!=frontend", prod)).isFalse();
    assertThat(matches("x in ()", Map.of("x", ""))).as("() is the empty value").isTrue();
    assertThat(matches("x=", Map.of("x", ""))).isTrue();
    assertThat(matches("x=", Map.of())).isFalse();
  }

  @Test
  void everythingAndNothing() {
    assertThat(Selector.parse("")).isEqualTo(Selector.everything());
    assertThat(Selector.parse("   ")).isEqualTo(Selector.everything());
    assertThat(Selector.everything().matches(Map.of())).isTrue();
    assertThat(Selector.everything().isEverything()).isTrue();
    assertThat(Selector.nothing().matches(Map.of())).isFalse();
    assertThat(Selector.nothing().matches(Map.of("a", "b"))).isFalse();
    assertThat(Selector.nothing().isNothing()).isTrue();
    assertThat(Selector.nothing().isEverything()).isFalse();
    assertThat(Selector.nothing().toString()).isEmpty();
    assertThat(Selector.nothing()).isNotEqualTo(Selector.everything());
  }

  @Test
  void requirementsAreSortedByKeyAndExposed() {
    Selector s = Selector.parse("b=1,a in (y,x),!c");
    assertThat(s.requirements())
        .containsExactly(
            new Requirement("a", Operator.IN, List.of("x", "y")),
            new Requirement("b", Operator.EQUALS, List.of("1")),
            new Requirement("c", Operator.DOES_NOT_EXIST, List.of()));
    assertThat(s.requirements().get(0).toString()).isEqualTo("a in (x,y)");
  }

  @Test
  void addingRequirementsKeepsThemSorted() {
    Selector s = Selector.parse("b=1").add(Requirement.exists("a"), Requirement.equal("c", "2"));
    assertThat(s.toString()).isEqualTo("a,b=1,c=2");
    assertThat(Selector.everything().add(Requirement.exists("a")).toString()).isEqualTo("a");
    assertThat(Selector.nothing().add(Requirement.exists("a")).isNothing()).isTrue();
    assertThatThrownBy(() -> Requirement.equal("a", "-"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Requirement.in("a"))
        .hasMessage(
            "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
    assertThat(Requirement.doesNotExist("a").matches(Map.of())).isTrue();
  }

  @Test
  void requiresExactMatch() {
    assertThat(Selector.parse("x=a").requiresExactMatch("x")).contains("a");
    assertThat(Selector.parse("x==a").requiresExactMatch("x")).contains("a");
    assertThat(Selector.parse("x in (a)").requiresExactMatch("x")).contains("a");
    assertThat(Selector.parse("x in (a,b)").requiresExactMatch("x")).isEmpty();
    assertThat(Selector.parse("x!=a").requiresExactMatch("x")).isEmpty();
    assertThat(Selector.parse("y=a").requiresExactMatch("x")).isEmpty();
  }

  @Test
  void builtRequirementsAreValidated() {
    assertThat(Selector.of(List.of(Requirement.in("b", "y", "x"), Requirement.exists("a"))))
        .hasToString("a,b in (x,y)");
    assertThat(Selector.matching(Map.of("app", "web", "tier", "fe")).toString())
        .isEqualTo("app=web,tier=fe");
    assertThat(Selector.matching(Map.of())).isEqualTo(Selector.everything());
    assertThatThrownBy(() -> Selector.matching(Map.of("app", "we b")))
        .hasMessage("values[0][app]: Invalid value: \"we b\": " + VALUE_RULE);
    assertThatThrownBy(() -> Requirement.of("x", Operator.EQUALS, List.of("a", "b")))
        .hasMessage(
            "values: Invalid value: [\"a\",\"b\"]: exact-match compatibility requires one single"
                + " value");
    assertThatThrownBy(() -> Requirement.of("x", Operator.GREATER_THAN, List.of()))
        .hasMessage(
            "values: Invalid value: []: for 'Gt', 'Lt' operators, exactly one value is required");
    assertThat(Requirement.of("x", Operator.LESS_THAN, List.of("3")).matches(Map.of("x", "2")))
        .isTrue();
  }
}
