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
    gen.writeNumber(format(value));
  }

  /** The JSON number text Go writes for {@code value}. */
  static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a JSON number: " + value);
    }
    double abs = Math.abs(value);
    if (value == Math.rint(value) && abs < EXPONENT_FROM) {
      return new BigDecimal(value).toBigInteger().toString();
    }
    return Double.toString(value);
  }
}
