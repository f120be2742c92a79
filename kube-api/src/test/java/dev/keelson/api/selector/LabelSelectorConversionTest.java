package dev.keelson.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.meta.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorConversionTest {
  private static LabelSelectorRequirement expr(String key, String op, String... values) {
    return new LabelSelectorRequirement(key, op, List.of(values));
  }

  @Test
  void anAbsentSelectorSelectsNothingAndAnEmptyOneEverything() {
    assertThat(Selector.fromLabelSelector(null).isNothing()).isTrue();
    assertThat(Selector.fromLabelSelector(null).matches(Map.of())).isFalse();
    Selector empty = Selector.fromLabelSelector(new LabelSelector(Map.of(), List.of()));
    assertThat(empty.isEverything()).isTrue();
    assertThat(empty.matches(Map.of("any", "thing"))).isTrue();
  }

  @Test
  void matchLabelsAndExpressionsBecomeOneSortedSelector() {
    LabelSelector ls =
        new LabelSelector(
            Map.of("tier", "fe", "app", "web"),
            List.of(
                expr("env", "In", "qa", "prod"),
                expr("x", "Exists"),
                expr("y", "DoesNotExist"),
                expr("track", "NotIn", "canary")));
    Selector s = Selector.fromLabelSelector(ls);
    assertThat(s.toString())
        .isEqualTo("app=web,env in (prod,qa),tier=fe,track notin (canary),x,!y");
    assertThat(s.matches(Map.of("app", "web", "tier", "fe", "env", "qa", "x", ""))).isTrue();
    assertThat(s.matches(Map.of("app", "web", "tier", "fe", "env", "dev", "x", ""))).isFalse();
    assertThat(s.matches(Map.of("app", "web", "tier", "fe", "env", "qa", "x", "", "y", "1")))
        .isFalse();
    assertThat(
            s.matches(Map.of("app", "web", "tier", "fe", "env", "qa", "x", "", "track", "canary")))
        .isFalse();
  }

  @Test
  void invalidOperatorsAndValueCountsAreRefusedClearly() {
    assertThatThrownBy(
            () ->
                Selector.fromLabelSelector(
                    new LabelSelector(Map.of(), List.of(expr("a", "Foo", "b")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"Foo\" is not a valid label selector operator");
    assertThatThrownBy(
            () ->
                Selector.fromLabelSelector(
                    new LabelSelector(Map.of(), List.of(expr("a", "in", "b")))))
        .hasMessage("\"in\" is not a valid label selector operator");
    assertThatThrownBy(
            () ->
                Selector.fromLabelSelector(
                    new LabelSelector(Map.of(), List.of(expr("a", null, "b")))))
        .hasMessage("\"\" is not a valid label selector operator");
    assertThatThrownBy(
            () -> Selector.fromLabelSelector(new LabelSelector(Map.of(), List.of(expr("a", "In")))))
        .hasMessage(
            "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
    assertThatThrownBy(
            () ->
                Selector.fromLabelSelector(
                    new LabelSelector(Map.of(), List.of(expr("a", "Exists", "b")))))
        .hasMessage(
            "values: Invalid value: [\"b\"]: values set must be empty for exists and does not exist");
    assertThatThrownBy(
            () ->
                Selector.fromLabelSelector(
                    new LabelSelector(Map.of(), List.of(expr("-a", "Exists")))))
        .hasMessageStartingWith("key: Invalid value: \"-a\": name part must consist of");
    assertThatThrownBy(
            () -> Selector.fromLabelSelector(new LabelSelector(Map.of("app", "-web"), List.of())))
        .hasMessageStartingWith("values[0][app]: Invalid value: \"-web\": a valid label must");
  }

  @Test
  void convertsBackWherePossible() {
    LabelSelector ls = Selector.parse("a=b,c in (y,x),!d,e!=f,g,h==i").toLabelSelector();
    assertThat(ls.matchLabels()).isEqualTo(Map.of("a", "b", "h", "i"));
    assertThat(ls.matchExpressions())
        .containsExactly(
            expr("c", "In", "x", "y"),
            expr("d", "DoesNotExist"),
            expr("e", "NotIn", "f"),
            expr("g", "Exists"));
    Selector back = Selector.fromLabelSelector(ls);
    Map<String, String> labels = Map.of("a", "b", "c", "x", "e", "z", "g", "", "h", "i");
    assertThat(back.matches(labels)).isTrue();
    assertThat(Selector.parse("a=b,c in (y,x),!d,e!=f,g,h==i").matches(labels)).isTrue();

    assertThat(Selector.nothing().toLabelSelector()).isNull();
    assertThat(Selector.everything().toLabelSelector())
        .isEqualTo(new LabelSelector(Map.of(), List.of()));
    assertThatThrownBy(() -> Selector.parse("x>1").toLabelSelector())
        .hasMessage("\"gt\" isn't supported in label selectors");
    assertThatThrownBy(() -> Selector.parse("x=a,x=b").toLabelSelector())
        .hasMessageContaining("x=a and x=b");
  }
}
