package dev.keelson.api.values;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A quantity of a resource ({@code resource.Quantity}): {@code 100m}, {@code 1Gi}, {@code 1.5},
 * {@code 2e3}. An exact decimal (never a floating point number) plus the {@link Format} it is
 * written in. Immutable.
 *
 * <h2>Text form</h2>
 *
 * <p>{@link #parse} reads {@code <sign><digits>.<digits><suffix>} where the suffix is a decimal SI
 * suffix ({@code n u m "" k M G T P E}), a binary SI suffix ({@code Ki Mi Gi Ti Pi Ei}) or a
 * decimal exponent ({@code e3}, {@code E-3}, {@code e+6}). Like Kubernetes it also accepts the
 * degenerate forms its scanner lets through: {@code "5."}, {@code ".5"}, {@code "1.G"}, and a sign,
 * a dot or a bare suffix without digits ({@code "-"}, {@code "."}, {@code "m"}, {@code "Ki"}) which
 * all read as zero. Values are rounded up (away from zero) to a whole number of nano units ({@code
 * 0.1n} is {@code 1n}); binary SI values are capped at 2^63-1 in magnitude.
 *
 * <h2>Canonical form ({@link #toString()}, the JSON form)</h2>
 *
 * <p>The format comes from the suffix that was parsed: binary SI for {@code Ki..Ei}, decimal SI for
 * no suffix and {@code n..E}, decimal exponent for {@code e}/{@code E}. The canonical form has no
 * fractional digits and the largest suffix (or exponent multiple of 3) that loses no precision:
 * {@code 1000m} is {@code 1}, {@code 0.5} is {@code 500m}, {@code 1.5} is {@code 1500m}, {@code
 * 1.5Gi} is {@code 1536Mi}, {@code 1024Mi} is {@code 1Gi}, {@code 1e2} is {@code 100}, {@code 1000}
 * is {@code 1k}. A binary SI value below 1024 in magnitude or with a fraction is written in decimal
 * SI ({@code 0.5Gi} is {@code 512Mi} but {@code 0.1Ki} is {@code 102400m}, {@code 1000Ki} is {@code
 * 1000Ki}, {@code 512} in binary SI is {@code 512}). Decimal SI values beyond {@code n..E} fall
 * back to the exponent form ({@code 1e21}).
 *
 * <p>As in Kubernetes, a parsed string that already looks canonical is kept verbatim, so a few
 * non-canonical spellings survive a round trip: {@code +1}, {@code 1E3}, {@code 1e+3}, {@code 5.},
 * {@code 1.G}, {@code 1.234k}, {@code 01Ki}. Any arithmetic result is written canonically.
 *
 * <h2>Equality</h2>
 *
 * <p>{@link #equals}, {@link #hashCode} and {@link #compareTo} compare values only, as Kubernetes'
 * {@code Quantity.Equal} and {@code Cmp} do: {@code 1000m} equals {@code 1} and {@code 1Ki} equals
 * {@code 1024}, although their text and {@link #format()} may differ.
 */
@JsonDeserialize(using = QuantityDeserializer.class)
public final class Quantity implements Comparable<Quantity> {
  /** How a quantity is written. */
  public enum Format {
    /** Powers of ten as exponents: {@code 12e6}. */
    DECIMAL_EXPONENT,
    /** Powers of two: {@code 12Mi} (12 * 2^20). */
    BINARY_SI,
    /** Powers of ten as SI suffixes: {@code 12M} (12 * 10^6). */
    DECIMAL_SI
  }

  /** Zero ({@code "0"}). */
  public static final Quantity ZERO = new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI, "0");

  /** Operands further apart than this many decimal digits are not added (it would be huge). */
  private static final int MAX_ALIGNMENT_DIGITS = 10_000;

  private final BigDecimal value;
  private final Format format;
  private final String text;

  Quantity(BigDecimal value, Format format, String text) {
    this.value = value;
    this.format = format;
    this.text = text != null ? text : QuantityText.canonical(value, format);
  }

  /**
   * Parses any form Kubernetes accepts (see the class comment). Leading or trailing whitespace is
   * refused here (the JSON reader trims it, as Kubernetes does).
   *
   * @throws IllegalArgumentException with Kubernetes' message: {@code quantities must match the
   *     regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'}, {@code unable to parse
   *     quantity's suffix} or {@code unable to parse numeric part of quantity}
   */
  public static Quantity parse(String text) {
    return QuantityText.parse(text);
  }

  /** {@code value} in {@code format} ({@code NewQuantity}): {@code of(1024, BINARY_SI)} is 1Ki. */
  public static Quantity of(long value, Format format) {
    return new Quantity(BigDecimal.valueOf(value), Objects.requireNonNull(format, "format"), null);
  }

  /**
   * An exact decimal in {@code format}, rounded up (away from zero) to a whole number of nano
   * units.
   */
  public static Quantity of(BigDecimal value, Format format) {
    BigDecimal abs = QuantityText.roundUpToNano(value.abs());
    return new Quantity(
        value.signum() < 0 ? abs.negate() : abs, Objects.requireNonNull(format, "format"), null);
  }

  /** Thousandths in decimal SI ({@code NewMilliQuantity}): {@code ofMillis(1500)} is 1500m. */
  public static Quantity ofMillis(long millis) {
    return new Quantity(BigDecimal.valueOf(millis, 3), Format.DECIMAL_SI, null);
  }

  /** A number of bytes in binary SI: {@code ofBytes(1 << 30)} is 1Gi. */
  public static Quantity ofBytes(long bytes) {
    return of(bytes, Format.BINARY_SI);
  }

  /** The format this quantity is written in. */
  public Format format() {
    return format;
  }

  /** The exact value. */
  public BigDecimal toBigDecimal() {
    return value;
  }

  /** -1, 0 or 1 as this quantity is negative, zero or positive. */
  public int signum() {
    return value.signum();
  }

  public boolean isZero() {
    return value.signum() == 0;
  }

  /**
   * The value rounded up (away from zero) to an integer, as Kubernetes' {@code Value()}: {@code
   * 100m} gives 1.
   *
   * @throws ArithmeticException if it does not fit in a long (Kubernetes returns garbage there)
   */
  public long value() {
    return scaled(0);
  }

  /**
   * The value in thousandths rounded up (away from zero), as Kubernetes' {@code MilliValue()}:
   * {@code 1.5} gives 1500, {@code 1n} gives 1.
   *
   * @throws ArithmeticException if it does not fit in a long
   */
  public long toMilliValue() {
    return scaled(3);
  }

  private long scaled(int places) {
    BigDecimal shifted = value.movePointRight(places);
    if ((long) shifted.precision() - shifted.scale() > 20) {
      throw new ArithmeticException("quantity " + text + " does not fit in a long");
    }
    try {
      return shifted.setScale(0, RoundingMode.UP).longValueExact();
    } catch (ArithmeticException e) {
      throw new ArithmeticException("quantity " + text + " does not fit in a long");
    }
  }

  /**
   * The exact sum, written in this quantity's format (in {@code other}'s format when this one is
   * zero, as Kubernetes' {@code Add}).
   *
   * @throws ArithmeticException if the two are more than 10,000 orders of magnitude apart
   */
  public Quantity add(Quantity other) {
    return combine(other, false);
  }

  /** The exact difference; formats as in {@link #add}. */
  public Quantity subtract(Quantity other) {
    return combine(other, true);
  }

  private Quantity combine(Quantity other, boolean subtract) {
    BigDecimal right = subtract ? other.value.negate() : other.value;
    if (other.isZero()) {
      return new Quantity(value, format, null); // no alignment of scales: exact and cheap
    }
    if (isZero()) {
      return new Quantity(right, other.format, null);
    }
    if (Math.abs((long) value.scale() - other.value.scale()) > MAX_ALIGNMENT_DIGITS) {
      throw new ArithmeticException(
          "quantities " + text + " and " + other.text + " are too far apart to combine exactly");
    }
    return new Quantity(value.add(right), format, null);
  }

  /** The negated value in the same format. */
  public Quantity negate() {
    return new Quantity(value.negate(), format, null);
  }

  /** The exact product in the same format. */
  public Quantity multiply(long factor) {
    return new Quantity(value.multiply(BigDecimal.valueOf(factor)), format, null);
  }

  /** Compares values only ({@code Quantity.Cmp}). */
  @Override
  public int compareTo(Quantity o) {
    return value.compareTo(o.value);
  }

  /** Equal values are equal quantities, whatever their text or format ({@code Quantity.Equal}). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && q.value.compareTo(value) == 0;
  }

  @Override
  public int hashCode() {
    return value.stripTrailingZeros().hashCode();
  }

  /** The text Kubernetes writes: canonical, or the parsed string if it was kept (see above). */
  @JsonValue
  @Override
  public String toString() {
    return text;
  }
}
