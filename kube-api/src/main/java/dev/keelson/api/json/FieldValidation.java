package dev.keelson.api.json;

import java.util.Locale;

/** What to do with fields the model does not know: Kubernetes' {@code fieldValidation}. */
public enum FieldValidation {
  /** Drop them silently. */
  IGNORE,
  /** Drop them and report each as a warning ({@link Decoded#unknownFields()}). */
  WARN,
  /** Refuse the object: {@code strict decoding error: unknown field "spec.foo"}. */
  STRICT;

  /**
   * Parses the query parameter ({@code Ignore}, {@code Warn}, {@code Strict}; absent means Warn).
   *
   * @throws IllegalArgumentException for any other value
   */
  public static FieldValidation parse(String value) {
    if (value == null || value.isEmpty()) {
      return WARN;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "ignore" -> IGNORE;
      case "warn" -> WARN;
      case "strict" -> STRICT;
      default ->
          throw new IllegalArgumentException(
              "fieldValidation: Unsupported value: \""
                  + value
                  + "\": supported values: \"Ignore\", \"Warn\", \"Strict\"");
    };
  }
}
