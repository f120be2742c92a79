package dev.keelson.api.values;

import dev.keelson.api.values.Quantity.Format;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Reads and writes the text form of a {@link Quantity} exactly as Kubernetes' {@code
 * resource.ParseQuantity} and {@code Quantity.CanonicalizeBytes} do. Package-private: the rules are
 * documented on {@link Quantity}.
 */
final class QuantityText {
  static final String FORMAT_WRONG =
      "quantities must match the regular expression"
          + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  static final String NUMERIC = "unable to parse numeric part of quantity";
  static final String SUFFIX = "unable to parse quantity's suffix";

  private static final String SUFFIX_LETTERS = "eEinumkKMGTP";
  private static final BigDecimal NANO = BigDecimal.ONE.scaleByPowerOfTen(-9);
  private static final BigDecimal MAX_INT64 = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigInteger KI = BigInteger.valueOf(1024);
  private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private QuantityText() {}

  /** A suffix read as base^exponent in a format. */
  private record Suffix(int base, int exponent, Format format) {}

  static Quantity parse(String str) {
    if (str == null || str.isEmpty()) {
      throw new IllegalArgumentException(FORMAT_WRONG);
    }
    if (str.equals("0")) {
      return new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI, "0");
    }
    int n = str.length();
    int i = 0;
    boolean negative = false;
    if (str.charAt(0) == '-' || str.charAt(0) == '+') {
      negative = str.charAt(0) == '-';
      i++;
    }
    int afterSign = i;
    while (i < n && str.charAt(i) == '0') {
      i++;
    }
    if (i == n) { // only a sign and zeros ("-", "+0", "000"): zero, as in Kubernetes
      return new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI, null);
    }
    boolean sawDigit = i > afterSign;
    int numStart = i;
    while (i < n && isDigit(str.charAt(i))) {
      i++;
    }
    sawDigit |= i > numStart;
    String num = i > numStart ? str.substring(numStart, i) : "0";
    String denom = "";
    if (i < n && str.charAt(i) == '.') {
      int denomStart = ++i;
      while (i < n && isDigit(str.charAt(i))) {
        i++;
      }
      denom = str.substring(denomStart, i);
      sawDigit |= !denom.isEmpty();
    }
    int suffixStart = i;
    while (i < n && SUFFIX_LETTERS.indexOf(str.charAt(i)) >= 0) {
      i++;
    }
    if (i < n && (str.charAt(i) == '-' || str.charAt(i) == '+')) {
      i++;
    }
    while (i < n && isDigit(str.charAt(i))) {
      i++;
    }
    if (i < n) {
      throw new IllegalArgumentException(FORMAT_WRONG);
    }
    Suffix suffix = interpret(str.substring(suffixStart));
    BigInteger digits = new BigInteger(num + denom);
    return suffix.base() == 10
        ? decimal(str, negative, sawDigit, num, denom, digits, suffix)
        : binary(str, negative, sawDigit, num, denom, digits, suffix);
  }

  private static Quantity decimal(
      String str,
      boolean negative,
      boolean sawDigit,
      String num,
      String denom,
      BigInteger digits,
      Suffix suffix) {
    long scale = (long) suffix.exponent() - denom.length(); // value = digits * 10^scale
    if (scale < Integer.MIN_VALUE + 1 || scale > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(NUMERIC);
    }
    BigDecimal value = new BigDecimal(digits, (int) -scale);
    String shifted = num + denom;
    if (shifted.length() <= 18 && scale >= -9) {
      // Exact and small: Kubernetes keeps the input text when it already looks canonical.
      boolean keep = scale % 3 == 0 && !shifted.endsWith("000") && shifted.charAt(0) != '0';
      return new Quantity(negative ? value.negate() : value, suffix.format(), keep ? str : null);
    }
    if (!sawDigit) {
      throw new IllegalArgumentException(NUMERIC);
    }
    value = roundUpToNano(value);
    return new Quantity(negative ? value.negate() : value, suffix.format(), null);
  }

  private static Quantity binary(
      String str,
      boolean negative,
      boolean sawDigit,
      String num,
      String denom,
      BigInteger digits,
      Suffix suffix) {
    BigInteger multiplier = BigInteger.ONE.shiftLeft(suffix.exponent());
    if (denom.isEmpty() && 14 - num.length() - suffix.exponent() * 3 / 10 >= 0) {
      BigInteger product = digits.multiply(multiplier);
      if (product.bitLength() < 64) {
        // Exact and small: kept as written unless the number is a multiple of 8.
        boolean keep = digits.intValue() % 8 != 0;
        BigDecimal value = new BigDecimal(negative ? product.negate() : product);
        return new Quantity(value, Format.BINARY_SI, keep ? str : null);
      }
    }
    if (!sawDigit) {
      throw new IllegalArgumentException(NUMERIC);
    }
    BigDecimal value =
        roundUpToNano(new BigDecimal(digits, denom.length()).multiply(new BigDecimal(multiplier)));
    Format format = Format.BINARY_SI;
    if (value.compareTo(MAX_INT64) > 0) {
      value = MAX_INT64; // Kubernetes caps binary quantities at 2^63-1
    }
    if (value.signum() > 0 && value.compareTo(BigDecimal.ONE) < 0) {
      format = Format.DECIMAL_SI;
    }
    return new Quantity(negative ? value.negate() : value, format, null);
  }

  private static Suffix interpret(String s) {
    switch (s) {
      case "":
        return new Suffix(10, 0, Format.DECIMAL_SI);
      case "n":
        return new Suffix(10, -9, Format.DECIMAL_SI);
      case "u":
        return new Suffix(10, -6, Format.DECIMAL_SI);
      case "m":
        return new Suffix(10, -3, Format.DECIMAL_SI);
      case "k":
        return new Suffix(10, 3, Format.DECIMAL_SI);
      case "M":
        return new Suffix(10, 6, Format.DECIMAL_SI);
      case "G":
        return new Suffix(10, 9, Format.DECIMAL_SI);
      case "T":
        return new Suffix(10, 12, Format.DECIMAL_SI);
      case "P":
        return new Suffix(10, 15, Format.DECIMAL_SI);
      case "E":
        return new Suffix(10, 18, Format.DECIMAL_SI);
      default:
        break;
    }
    for (int k = 1; k < BINARY_SUFFIXES.length; k++) {
      if (BINARY_SUFFIXES[k].equals(s)) {
        return new Suffix(2, 10 * k, Format.BINARY_SI);
      }
    }
    if (s.length() > 1 && (s.charAt(0) == 'e' || s.charAt(0) == 'E')) {
      try {
        // Kubernetes reads an int64 and truncates it to int32; out-of-range exponents are refused.
        return new Suffix(10, Integer.parseInt(s.substring(1)), Format.DECIMAL_EXPONENT);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(SUFFIX);
      }
    }
    throw new IllegalArgumentException(SUFFIX);
  }

  /** Rounds a non-negative value up to a whole number of nano units (never to zero). */
  static BigDecimal roundUpToNano(BigDecimal value) {
    if (value.signum() == 0 || value.scale() <= 9) {
      return value;
    }
    if ((long) value.precision() - value.scale() <= -9) {
      return value.signum() > 0 ? NANO : NANO.negate(); // far below 1n: avoid a huge division
    }
    return value.setScale(9, RoundingMode.UP);
  }

  /** The canonical form of {@code value} in {@code format}, as Kubernetes writes it. */
  static String canonical(BigDecimal value, Format format) {
    if (value.signum() == 0) {
      return "0";
    }
    if (format == Format.BINARY_SI) {
      String binary = binaryCanonical(value);
      if (binary != null) {
        return binary;
      }
      format = Format.DECIMAL_SI;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    BigInteger mantissa = stripped.unscaledValue();
    long exponent = -(long) stripped.scale();
    int rest = (int) Math.floorMod(exponent, 3L);
    if (rest != 0) {
      mantissa = mantissa.multiply(BigInteger.TEN.pow(rest));
      exponent -= rest;
    }
    if (format == Format.DECIMAL_SI) {
      String suffix = decimalSuffix(exponent);
      if (suffix != null) {
        return mantissa + suffix;
      }
      // Beyond n..E: the exponent form (Kubernetes once dropped the magnitude here; fixed
      // upstream).
    }
    return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
  }

  private static String binaryCanonical(BigDecimal value) {
    if (value.abs().compareTo(BigDecimal.valueOf(1024)) < 0) {
      return null; // -1024 < value < 1024 is written in decimal SI
    }
    BigInteger whole;
    try {
      whole = value.toBigIntegerExact();
    } catch (ArithmeticException fraction) {
      return null; // no precision is lost: decimal SI
    }
    int k = 0;
    BigInteger[] qr = whole.divideAndRemainder(KI);
    while (qr[1].signum() == 0 && k < BINARY_SUFFIXES.length) {
      whole = qr[0];
      k++;
      qr = whole.divideAndRemainder(KI);
    }
    return k < BINARY_SUFFIXES.length ? whole + BINARY_SUFFIXES[k] : null;
  }

  private static String decimalSuffix(long exponent) {
    return switch ((int) Math.max(Math.min(exponent, 100), -100)) {
      case -9 -> "n";
      case -6 -> "u";
      case -3 -> "m";
      case 0 -> "";
      case 3 -> "k";
      case 6 -> "M";
      case 9 -> "G";
      case 12 -> "T";
      case 15 -> "P";
      case 18 -> "E";
      default -> null;
    };
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
