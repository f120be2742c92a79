package dev.keelson.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorTest {
  @Test
  void labelSelectorsNameALabelEveryMatchHoldsWhenTheyRequireOne() {
    assertThat(Selector.labels("tier!=db,app=web").requiredEquality())
        .isEqualTo(Map.entry("app", "web"));
    assertThat(Selector.labels("app in (web)").requiredEquality())
        .isEqualTo(Map.entry("app", "web"));
    assertThat(Selector.labels("app in (web,db)").requiredEquality()).isNull();
    assertThat(Selector.labels("app!=web,!canary").requiredEquality()).isNull();
    assertThat(Selector.labels("").requiredEquality()).isNull();
    assertThat(Selector.equalities(Map.of("b", "1", "a", "2")).requiredEquality())
        .isEqualTo(Map.entry("a", "2"));
    Selector custom = values -> values.containsKey("x");
    assertThat(custom.requiredEquality()).isNull();
  }

  @Test
  void selectorsStillMatchAsBefore() {
    Selector s = Selector.labels("app=web,tier!=db");
    assertThat(s.matches(Map.of("app", "web"))).isTrue();
    assertThat(s.matches(Map.of("app", "web", "tier", "db"))).isFalse();
    assertThat(s.matches(Map.of("app", "db"))).isFalse();
    Selector e = Selector.equalities(Map.of("app", "web", "tier", "fe"));
    assertThat(e.matches(Map.of("app", "web", "tier", "fe", "x", "y"))).isTrue();
    assertThat(e.matches(Map.of("app", "web"))).isFalse();
  }
}
