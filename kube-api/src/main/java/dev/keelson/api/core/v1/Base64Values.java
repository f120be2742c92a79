package dev.keelson.api.core.v1;

import java.util.Base64;
import java.util.Map;

/** Checks maps whose values are Go {@code []byte} carried as base64 text (Secret, ConfigMap). */
final class Base64Values {
  private Base64Values() {}

  /**
   * Refuses a value that is not standard, padded base64, as Go's decoder does (which also skips
   * {@code \r} and {@code \n}).
   *
   * @throws IllegalArgumentException naming {@code field.key}
   */
  static void check(String field, Map<String, String> values) {
    values.forEach(
        (key, value) -> {
          String text =
              value.indexOf('\n') < 0 && value.indexOf('\r') < 0
                  ? value
                  : value.replace("\n", "").replace("\r", "");
          try {
            Base64.getDecoder().decode(text);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                field + "." + key + ": illegal base64 data (" + e.getMessage() + ")");
          }
        });
  }
}
