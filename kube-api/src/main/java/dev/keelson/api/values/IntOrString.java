package dev.keelson.api.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Objects;

/**
 * A value that is either an integer or a string ({@code intstr.IntOrString}), written as a JSON
 * number or a JSON string: a port number or a port name, a count or a percentage.
 */
public final class IntOrString {
  private final Integer intValue;
  private final String stringValue;

  private IntOrString(Integer intValue, String stringValue) {
    this.intValue = intValue;
    this.stringValue = stringValue;
  }

  public static IntOrString of(int value) {
    return new IntOrString(value, null);
  }

  public static IntOrString of(String value) {
    return new IntOrString(null, Objects.requireNonNull(value, "value"));
  }

  /**
   * Reads a JSON string, or a JSON number that is an int32 ({@code 1.5}, {@code 1e2} and numbers
   * beyond int32 are refused, as Go refuses them); anything else is refused.
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static IntOrString fromJson(JsonNode node) {
    if (node.isTextual()) {
      return of(node.textValue());
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return of(node.intValue());
    }
    String found =
        node.isNumber()
            ? "number " + node.asText()
            : node.isBoolean() ? "bool" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    throw new IllegalArgumentException("cannot unmarshal " + found + " into an int32 or a string");
  }

  public boolean isInt() {
    return intValue != null;
  }

  /** The integer; throws if this is a string. */
  public int intValue() {
    if (intValue == null) {
      throw new IllegalStateException("not an integer: \"" + stringValue + "\"");
    }
    return intValue;
  }

  /** The string; throws if this is an integer. */
  public String stringValue() {
    if (stringValue == null) {
      throw new IllegalStateException("not a string: " + intValue);
    }
    return stringValue;
  }

  /**
   * Reads {@code text} as an int32 if it is one ({@code "8080"}), else keeps it as a string, as
   * Kubernetes' {@code intstr.Parse}.
   */
  public static IntOrString parse(String text) {
    Objects.requireNonNull(text, "text");
    if (isAsciiInteger(text) && text.length() <= 11) {
      long v = Long.parseLong(text);
      if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
        return of((int) v);
      }
    }
    return of(text);
  }

  /**
   * Resolves an absolute value or a percentage of {@code total} ({@code "25%"}), rounding up or
   * down as asked, as Kubernetes' {@code GetScaledValueFromIntOrPercent} does for maxSurge and
   * maxUnavailable: {@code "25%"} of 10 is 3 rounded up and 2 rounded down; an integer is returned
   * as is; a negative percentage rounds towards positive infinity when rounding up.
   *
   * @throws IllegalArgumentException for a string that is not an integer percentage, with
   *     Kubernetes' message ({@code invalid value for IntOrString: invalid type: string is not a
   *     percentage}), or if the result does not fit in an int
   */
  public int scaledValue(int total, boolean roundUp) {
    if (intValue != null) {
      return intValue;
    }
    if (!stringValue.endsWith("%")) {
      throw new IllegalArgumentException(
          "invalid value for IntOrString: invalid type: string is not a percentage");
    }
    String digits = stringValue.substring(0, stringValue.length() - 1);
    if (!isAsciiInteger(digits) || digits.length() > 19) {
      throw new IllegalArgumentException(
          "invalid value for IntOrString: invalid value \""
              + stringValue
              + "\": not an integer percentage");
    }
    try {
      long scaled = Math.multiplyExact(Long.parseLong(digits), (long) total);
      return Math.toIntExact(roundUp ? Math.ceilDiv(scaled, 100) : Math.floorDiv(scaled, 100));
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid value for IntOrString: \""
              + stringValue
              + "\" of "
              + total
              + " is out of range");
    }
  }

  /** An optional sign and ASCII digits, as Go's {@code strconv.Atoi} accepts. */
  private static boolean isAsciiInteger(String s) {
    int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (start == s.length()) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  @JsonValue
  Object jsonValue() {
    return intValue != null ? intValue : stringValue;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntOrString other
        && Objects.equals(intValue, other.intValue)
        && Objects.equals(stringValue, other.stringValue);
  }

  @Override
  public int hashCode() {
    return Objects.hash(intValue, stringValue);
  }

  @Override
  public String toString() {
    return intValue != null ? intValue.toString() : stringValue;
  }
}
