package dev.keelson.api.json;

import com.fasterxml.jackson.core.JsonToken;
import java.util.Locale;

/** Go's words for the JSON type of a value, as its decoding errors use them. */
public final class JsonTypes {
  private JsonTypes() {}

  /**
   * The JSON type of the value starting at {@code t}: {@code string}, {@code number}, {@code bool},
   * {@code array}, {@code object} or {@code null} ({@code nothing} for no token), for messages such
   * as {@code cannot unmarshal bool into a quantity}.
   */
  public static String of(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "bool";
      case START_ARRAY -> "array";
      case START_OBJECT, FIELD_NAME -> "object";
      case VALUE_NULL -> "null";
      default -> t.name().toLowerCase(Locale.ROOT);
    };
  }
}
