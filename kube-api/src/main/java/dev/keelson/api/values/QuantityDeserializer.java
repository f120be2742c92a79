package dev.keelson.api.values;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.keelson.api.json.JsonTypes;
import java.io.IOException;

/**
 * Reads a quantity from a JSON string or a JSON number (legal, and common in YAML: {@code cpu: 1}).
 * The number is read from its literal text, so {@code 1e3} stays {@code 1e3}. Surrounding
 * whitespace is trimmed, as Kubernetes' {@code UnmarshalJSON} does. Anything else is an {@link
 * IllegalArgumentException}, which the codec reports with the field path.
 */
final class QuantityDeserializer extends StdDeserializer<Quantity> {
  QuantityDeserializer() {
    super(Quantity.class);
  }

  @Override
  public Quantity deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING
        || t == JsonToken.VALUE_NUMBER_INT
        || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return Quantity.parse(trim(p.getText()));
    }
    throw new IllegalArgumentException(
        "cannot unmarshal "
            + JsonTypes.of(t)
            + " into a quantity (a string such as \"100m\" or a number)");
  }

  /** Trims what Go's {@code strings.TrimSpace} trims. */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isSpace(char c) {
    return c == ' '
        || (c >= '\t' && c <= '\r')
        || c == '\u0085'
        || c == '\u00a0'
        || Character.getType(c) == Character.SPACE_SEPARATOR
        || c == '\u2028'
        || c == '\u2029';
  }
}
