package dev.keelson.api.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A quantity of a resource ({@code resource.Quantity}): {@code 100m}, {@code 1Gi}, {@code 1.5},
 * {@code 2e3}. Written as a JSON string; a JSON number is accepted on input.
 *
 * <p>PROVISIONAL: this first version validates the syntax and keeps the text. Exact arithmetic,
 * comparison and canonical formatting replace it (same public API).
 */
public final class Quantity implements Comparable<Quantity> {
  private static final Pattern SYNTAX =
      Pattern.compile(
          "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)((Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE][+-]?\\d+)?");
  private final String text;

  private Quantity(String text) {
    this.text = text;
  }

  /**
   * Parses any legal form.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static Quantity parse(String text) {
    if (text == null || !SYNTAX.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "quantities must match the regular expression"
              + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }
    return new Quantity(text);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Quantity fromJson(JsonNode node) {
    if (node.isTextual()) {
      return parse(node.textValue());
    }
    if (node.isNumber()) {
      return parse(node.asText());
    }
    throw new IllegalArgumentException("a quantity must be a string or a number");
  }

  @JsonValue
  @Override
  public String toString() {
    return text;
  }

  @Override
  public int compareTo(Quantity o) {
    throw new UnsupportedOperationException("provisional Quantity: comparison not built yet");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && q.text.equals(text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text);
  }
}
