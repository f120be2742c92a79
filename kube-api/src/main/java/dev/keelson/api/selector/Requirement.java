package dev.keelson.api.selector;

import dev.keelson.api.validation.Names;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One requirement of a label {@link Selector} ({@code labels.Requirement}): a key, an operator and
 * the values it relates them to. Created only valid, by {@link #of}.
 *
 * @param values as given (in the order given; the text form sorts them)
 */
public record Requirement(String key, Operator operator, List<String> values) {
  public Requirement {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    values = List.copyOf(values);
  }

  /**
   * A validated requirement, checked as Kubernetes' {@code labels.NewRequirement} does: the key is
   * a qualified name; In and NotIn need values; =, == and != exactly one; Exists and DoesNotExist
   * none; gt and lt exactly one integer; every value is a valid label value.
   *
   * @throws IllegalArgumentException with Kubernetes' field errors, for example {@code values:
   *     Invalid value: []: for 'in', 'notin' operators, values set can't be empty}
   */
  public static Requirement of(String key, Operator operator, List<String> values) {
    List<String> errors = new ArrayList<>();
    List<String> keyErrors = Names.isQualifiedName(key);
    if (!keyErrors.isEmpty()) {
      errors.add(ErrorText.invalid("key", ErrorText.quote(key), String.join("; ", keyErrors)));
    }
    String all = "[" + String.join(",", values.stream().map(ErrorText::quote).toList()) + "]";
    switch (operator) {
      case IN, NOT_IN -> {
        if (values.isEmpty()) {
          errors.add(
              ErrorText.invalid(
                  "values", all, "for 'in', 'notin' operators, values set can't be empty"));
        }
      }
      case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
        if (values.size() != 1) {
          errors.add(
              ErrorText.invalid(
                  "values", all, "exact-match compatibility requires one single value"));
        }
      }
      case EXISTS, DOES_NOT_EXIST -> {
        if (!values.isEmpty()) {
          errors.add(
              ErrorText.invalid(
                  "values", all, "values set must be empty for exists and does not exist"));
        }
      }
      case GREATER_THAN, LESS_THAN -> {
        if (values.size() != 1) {
          errors.add(
              ErrorText.invalid(
                  "values", all, "for 'Gt', 'Lt' operators, exactly one value is required"));
        }
        for (int i = 0; i < values.size(); i++) {
          if (parseInt64(values.get(i)) == null) {
            errors.add(
                ErrorText.invalid(
                    "values[" + i + "]",
                    ErrorText.quote(values.get(i)),
                    "for 'Gt', 'Lt' operators, the value must be an integer"));
          }
        }
      }
    }
    for (int i = 0; i < values.size(); i++) {
      List<String> valueErrors = Names.isLabelValue(values.get(i));
      if (!valueErrors.isEmpty()) {
        errors.add(
            ErrorText.invalid(
                "values[" + i + "][" + key + "]",
                ErrorText.quote(values.get(i)),
                String.join("; ", valueErrors)));
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(aggregate(errors));
    }
    return new Requirement(key, operator, values);
  }

  /** {@code key in (values)}. */
  public static Requirement in(String key, String... values) {
    return of(key, Operator.IN, List.of(values));
  }

  /** {@code key=value}. */
  public static Requirement equal(String key, String value) {
    return of(key, Operator.EQUALS, List.of(value));
  }

  /** {@code key}. */
  public static Requirement exists(String key) {
    return of(key, Operator.EXISTS, List.of());
  }

  /** {@code !key}. */
  public static Requirement doesNotExist(String key) {
    return of(key, Operator.DOES_NOT_EXIST, List.of());
  }

  /**
   * Whether {@code labels} satisfy this requirement. {@code !=} and {@code notin} hold when the key
   * is absent; {@code gt} and {@code lt} need the label to be present and an integer.
   */
  public boolean matches(Map<String, String> labels) {
    String value = labels.get(key);
    return switch (operator) {
      case IN, EQUALS, DOUBLE_EQUALS -> value != null && values.contains(value);
      case NOT_IN, NOT_EQUALS -> value == null || !values.contains(value);
      case EXISTS -> value != null;
      case DOES_NOT_EXIST -> value == null;
      case GREATER_THAN, LESS_THAN -> {
        Long actual = value == null ? null : parseInt64(value);
        Long bound = values.size() == 1 ? parseInt64(values.get(0)) : null;
        if (actual == null || bound == null) {
          yield false;
        }
        yield operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
      }
    };
  }

  /** Kubernetes' text form: {@code !k}, {@code k}, {@code k=v}, {@code k in (a,b)}, {@code k>1}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (operator == Operator.DOES_NOT_EXIST) {
      return b.append('!').append(key).toString();
    }
    b.append(key);
    switch (operator) {
      case EXISTS -> {
        return b.toString();
      }
      case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> b.append(operator.kubernetesName());
      case IN -> b.append(" in ");
      case NOT_IN -> b.append(" notin ");
      case GREATER_THAN -> b.append('>');
      case LESS_THAN -> b.append('<');
      default -> throw new AssertionError(operator);
    }
    boolean set = operator == Operator.IN || operator == Operator.NOT_IN;
    List<String> sorted = values.stream().sorted().toList();
    return b.append(set ? "(" : "")
        .append(String.join(",", sorted))
        .append(set ? ")" : "")
        .toString();
  }

  /** Go's {@code strconv.ParseInt(s, 10, 64)}: an optional sign and ASCII digits. */
  static Long parseInt64(String s) {
    int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (start == s.length()) {
      return null;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Kubernetes' error aggregate: one message as is, several deduplicated in brackets. */
  static String aggregate(List<String> errors) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(errors));
    return distinct.size() == 1 ? distinct.get(0) : "[" + String.join(", ", distinct) + "]";
  }
}
