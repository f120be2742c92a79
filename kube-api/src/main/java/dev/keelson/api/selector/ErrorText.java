package dev.keelson.api.selector;

/**
 * How Kubernetes renders the selector package's errors: {@code field.Invalid(path, value,
 * detail).Error()} and Go's {@code %q}. The label key and value checks themselves are {@link
 * dev.keelson.api.validation.Names#isQualifiedName} and {@link
 * dev.keelson.api.validation.Names#isLabelValue}.
 */
final class ErrorText {
  private ErrorText() {}

  /** Kubernetes' {@code field.Invalid(path, value, detail).Error()}. */
  static String invalid(String path, String quotedValue, String detail) {
    return path + ": Invalid value: " + quotedValue + ": " + detail;
  }

  /** Go's {@code %q} for the strings that can occur here. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
