package dev.keelson.api.selector;

import java.util.Map;
import java.util.Objects;

/**
 * One term of a {@link FieldSelector}: a field path, {@link Operator#EQUALS} or {@link
 * Operator#NOT_EQUALS}, and a value ({@code fields.Requirement}). {@code ==} is read as {@code =}.
 */
public record FieldRequirement(String field, Operator operator, String value) {
  public FieldRequirement {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    if (operator == Operator.DOUBLE_EQUALS) {
      operator = Operator.EQUALS;
    }
    if (operator != Operator.EQUALS && operator != Operator.NOT_EQUALS) {
      throw new IllegalArgumentException(
          "field selectors support only the operators =, == and !=, not "
              + (operator == null ? "null" : operator.kubernetesName()));
    }
  }

  /**
   * Whether {@code fields} satisfy this term; an absent field has the value {@code ""}, as in
   * Kubernetes ({@code spec.nodeName=} selects unscheduled pods).
   */
  public boolean matches(Map<String, String> fields) {
    boolean equal = fields.getOrDefault(field, "").equals(value);
    return operator == Operator.EQUALS ? equal : !equal;
  }

  /** {@code field=value} or {@code field!=value}, the value escaped. */
  @Override
  public String toString() {
    return field + operator.kubernetesName() + FieldSelector.escapeValue(value);
  }
}
