package dev.keelson.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code $(VAR)} expansion, case by case as Kubernetes' expansion package defines it. */
class ExpansionTest {
  private static final Map<String, String> VARS =
      Map.of("VAR_A", "A", "VAR_B", "B", "VAR_C", "C", "VAR_REF", "$(VAR_A)", "VAR_EMPTY", "");

  private static String x(String in) {
    return Expansion.expand(in, VARS::get);
  }

  @Test
  void definedVariablesAreReplaced() {
    assertThat(x("$(VAR_A)")).isEqualTo("A");
    assertThat(x("___$(VAR_B)___")).isEqualTo("___B___");
    assertThat(x("$(VAR_A)-$(VAR_B)-$(VAR_C)")).isEqualTo("A-B-C");
    assertThat(x("$(VAR_EMPTY)")).isEmpty();
  }

  @Test
  void valuesAreNotExpandedAgain() {
    assertThat(x("$(VAR_REF)")).isEqualTo("$(VAR_A)");
  }

  @Test
  void undefinedVariablesStayAsWritten() {
    assertThat(x("$(NOPE)")).isEqualTo("$(NOPE)");
    assertThat(x("$()")).isEqualTo("$()");
  }

  @Test
  void doubleDollarEscapes() {
    assertThat(x("$$(VAR_A)")).isEqualTo("$(VAR_A)");
    assertThat(x("$$$(VAR_A)")).isEqualTo("$A");
    assertThat(x("$$$$(VAR_A)")).isEqualTo("$$(VAR_A)");
    assertThat(x("$$")).isEqualTo("$");
  }

  @Test
  void strayOperatorsAndUnclosedReferencesStay() {
    assertThat(x("$")).isEqualTo("$");
    assertThat(x("foo$")).isEqualTo("foo$");
    assertThat(x("$VAR_A")).isEqualTo("$VAR_A");
    assertThat(x("$(VAR_A")).isEqualTo("$(VAR_A");
    assertThat(x("$(VAR_A$(VAR_B)")).isEqualTo("$(VAR_A$(VAR_B)");
    assertThat(x("($(VAR_A))")).isEqualTo("(A)");
    assertThat(x("no vars")).isEqualTo("no vars");
  }
}
