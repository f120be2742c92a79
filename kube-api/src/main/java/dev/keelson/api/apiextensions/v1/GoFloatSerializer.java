package dev.keelson.api.apiextensions.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes a {@code float64} of a schema ({@code maximum}, {@code minimum}, {@code multipleOf}) as
 * Go's encoder does: an integral value without a fraction ({@code 10}, not Java's {@code 10.0}), so
 * that a schema read from JSON is written back unchanged. Go switches to exponent notation from
 * 1e21; so does this serializer.
 */
final class GoFloatSerializer extends StdSerializer<Double> {
  private static final double EXPONENT_FROM = 1e21;

  GoFloatSerializer() {
    super(Double.class);
  }

  @Override
  public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    double d = value;
    if (isGoIntegral(d)) {
      // Typed, not as text, so that trees built from records (valueToTree) hold integers too.
      // The narrowest type, as a parser would produce it (trees compare IntNode != LongNode).
      if (d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
        gen.writeNumber((int) d);
      } else if (Math.abs(d) < 0x1p63) {
        gen.writeNumber((long) d);
      } else {
        gen.writeNumber(new BigDecimal(d).toBigInteger());
      }
    } else {
      gen.writeNumber(d);
    }
  }

  private static boolean isGoIntegral(double d) {
    return d == Math.rint(d) && Math.abs(d) < EXPONENT_FROM;
  }

  /** The JSON number text Go writes for {@code value}. */
  static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a JSON number: " + value);
    }
    if (isGoIntegral(value)) {
      return new BigDecimal(value).toBigInteger().toString();
    }
    return Double.toString(value);
  }
}
