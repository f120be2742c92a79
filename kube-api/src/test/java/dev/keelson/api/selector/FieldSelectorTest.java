package dev.keelson.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Facts from Kubernetes' fields/selector_test.go and the field selectors page. */
class FieldSelectorTest {
  private static final String HINT = " (field selectors support only the operators =, == and !=)";

  @Test
  void equalityAndInequalityTermsMatchFieldValues() {
    FieldSelector s = FieldSelector.parse("metadata.name=x,status.phase!=Running");
    assertThat(s.requirements())
        .containsExactly(
            new FieldRequirement("metadata.name", Operator.EQUALS, "x"),
            new FieldRequirement("status.phase", Operator.NOT_EQUALS, "Running"));
    assertThat(s.matches(Map.of("metadata.name", "x", "status.phase", "Pending"))).isTrue();
    assertThat(s.matches(Map.of("metadata.name", "x", "status.phase", "Running"))).isFalse();
    assertThat(s.matches(Map.of("metadata.name", "y", "status.phase", "Pending"))).isFalse();
    assertThat(s.toString()).isEqualTo("metadata.name=x,status.phase!=Running");
  }

  @ParameterizedTest(name = "\"{0}\" is written \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|''",
        "metadata.name==x|metadata.name=x",
        "b=1,a=2|a=2,b=1",
        "a=b,|a=b",
        "',,a=b,,'|a=b",
        "=|''",
        "x=|x=",
        "x!=|x!=",
        "'a = b'|'a = b'",
        "involvedObject.kind=Pod,involvedObject.name=web-0|involvedObject.kind=Pod,involvedObject.name=web-0",
        "'a=x\\,y\\=z\\\\w'|'a=x\\,y\\=z\\\\w'",
      })
  void parsesAndWritesLikeKubernetes(String in, String out) {
    assertThat(FieldSelector.parse(in).toString()).isEqualTo(out);
  }

  @Test
  void escapedValuesAreUnescaped() {
    FieldSelector s = FieldSelector.parse("a=x\\,y\\=z\\\\w,b=c");
    assertThat(s.requirements().get(0).value()).isEqualTo("x,y=z\\w");
    assertThat(s.matches(Map.of("a", "x,y=z\\w", "b", "c"))).isTrue();
    assertThat(FieldSelector.escapeValue("a,b=c\\")).isEqualTo("a\\,b\\=c\\\\");
    assertThat(FieldSelector.unescapeValue("a\\,b\\=c\\\\")).isEqualTo("a,b=c\\");
    assertThat(FieldSelector.unescapeValue("plain")).isEqualTo("plain");
    assertThat(FieldSelector.equal("metadata.name", "a,b").toString())
        .isEqualTo("metadata.name=a\\,b");
    assertThat(FieldSelector.parse(FieldSelector.equal("f", "=,\\").toString()))
        .isEqualTo(FieldSelector.equal("f", "=,\\"));
  }

  @Test
  void theFirstOperatorSplitsATerm() {
    assertThat(FieldSelector.parse("a==b").requirements())
        .containsExactly(new FieldRequirement("a", Operator.EQUALS, "b"));
    assertThat(FieldSelector.parse("a!=b").requirements())
        .containsExactly(new FieldRequirement("a", Operator.NOT_EQUALS, "b"));
    assertThat(FieldSelector.parse("a=\\=b").requirements())
        .containsExactly(new FieldRequirement("a", Operator.EQUALS, "=b"));
  }

  @Test
  void anAbsentFieldIsTheEmptyString() {
    assertThat(FieldSelector.parse("spec.nodeName=").matches(Map.of())).isTrue();
    assertThat(FieldSelector.parse("spec.nodeName!=").matches(Map.of("spec.nodeName", "n1")))
        .isTrue();
    assertThat(FieldSelector.parse("spec.nodeName!=").matches(Map.of())).isFalse();
    assertThat(FieldSelector.parse("spec.nodeName=n1").matches(Map.of())).isFalse();
  }

  @Test
  void everythingAndNothing() {
    assertThat(FieldSelector.parse("")).isEqualTo(FieldSelector.everything());
    assertThat(FieldSelector.everything().matches(Map.of())).isTrue();
    assertThat(FieldSelector.everything().isEverything()).isTrue();
    assertThat(FieldSelector.nothing().matches(Map.of())).isFalse();
    assertThat(FieldSelector.nothing().isNothing()).isTrue();
    assertThat(FieldSelector.matching(Map.of("b", "1", "a", "2")).toString()).isEqualTo("a=2,b=1");
    assertThat(FieldSelector.matching(Map.of())).isEqualTo(FieldSelector.everything());
  }

  @Test
  void requiresExactMatch() {
    FieldSelector s = FieldSelector.parse("metadata.name=web,metadata.namespace!=kube-system");
    assertThat(s.requiresExactMatch("metadata.name")).contains("web");
    assertThat(s.requiresExactMatch("metadata.namespace")).isEmpty();
    assertThat(FieldSelector.parse("metadata.name==web").requiresExactMatch("metadata.name"))
        .contains("web");
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @CsvSource(
      delimiter = '|',
      value = {
        "a|a",
        "metadata.name|metadata.name",
        "!metadata.name|!metadata.name",
        "'metadata.name in (a)'|'metadata.name in (a)'",
        "'metadata.name notin (a)'|'metadata.name notin (a)'",
        "'a>1'|'a>1'",
        "'a<1'|'a<1'",
        "'a=b,c'|c",
      })
  void termsWithoutAnEqualityOperatorAreRefused(String in, String term) {
    assertThatThrownBy(() -> FieldSelector.parse(in))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid selector: '" + in + "'; can't understand '" + term + "'" + HINT);
  }

  @Test
  void aSetBasedTermIsRefusedWhateverPartComesFirst() {
    assertThatThrownBy(() -> FieldSelector.parse("metadata.name in (a,b)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid selector: 'metadata.name in (a,b)'; can't understand 'b)'" + HINT);
  }

  @Test
  void badEscapesAreRefused() {
    assertThatThrownBy(() -> FieldSelector.parse("a=\\x"))
        .hasMessage("invalid field selector: invalid escape sequence: \\x");
    assertThatThrownBy(() -> FieldSelector.parse("a=b\\"))
        .hasMessage("invalid field selector: invalid escape sequence: \\");
    assertThatThrownBy(() -> FieldSelector.parse("a=b=c"))
        .hasMessage("invalid field selector: unescaped character in value: '='");
    assertThatThrownBy(() -> FieldSelector.unescapeValue("a,b"))
        .hasMessage("invalid field selector: unescaped character in value: ','");
  }

  @Test
  void onlyEqualityOperatorsMakeFieldRequirements() {
    for (Operator op :
        List.of(
            Operator.IN,
            Operator.NOT_IN,
            Operator.EXISTS,
            Operator.DOES_NOT_EXIST,
            Operator.GREATER_THAN,
            Operator.LESS_THAN)) {
      assertThatThrownBy(() -> new FieldRequirement("a", op, "b"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "field selectors support only the operators =, == and !=, not "
                  + op.kubernetesName());
    }
    assertThat(new FieldRequirement("a", Operator.DOUBLE_EQUALS, "b").operator())
        .isEqualTo(Operator.EQUALS);
  }
}
