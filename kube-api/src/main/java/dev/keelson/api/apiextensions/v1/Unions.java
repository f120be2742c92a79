package dev.keelson.api.apiextensions.v1;

import com.fasterxml.jackson.core.JsonToken;

/** Shared wording for the JSON-schema union types' decoding errors. */
final class Unions {
  private Unions() {}

  /** The JSON type of the token, in Go's words ({@code string}, {@code number}, ...). */
  static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "bool";
      case START_ARRAY -> "array";
      case START_OBJECT -> "object";
      case VALUE_NULL -> "null";
      default -> t.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
