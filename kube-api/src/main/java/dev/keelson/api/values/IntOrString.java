package dev.keelson.api.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
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

  /** Reads a JSON number (a 32-bit integer) or string; anything else is refused. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static IntOrString fromJson(JsonNode node) {
    if (node.isTextual()) {
      return of(node.textValue());
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return of(node.intValue());
    }
    throw new IllegalArgumentException(
        "cannot unmarshal "
            + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
            + " into an int or a string");
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
   * Resolves an absolute value or a percentage of {@code total} ({@code "25%"}), rounding up or
   * down as asked, as Kubernetes does for maxSurge and maxUnavailable.
   *
   * @throws IllegalArgumentException for a string that is not a percentage
   */
  public int scaledValue(int total, boolean roundUp) {
    if (intValue != null) {
      return intValue;
    }
    if (!stringValue.endsWith("%")) {
      throw new IllegalArgumentException("invalid value for IntOrString: \"" + stringValue + "\"");
    }
    int percent;
    try {
      percent = Integer.parseInt(stringValue.substring(0, stringValue.length() - 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid value for IntOrString: \"" + stringValue + "\"");
    }
    long scaled = (long) percent * total;
    return (int) (roundUp ? Math.ceilDiv(scaled, 100) : Math.floorDiv(scaled, 100));
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
