package dev.keelson.api.validation;

import dev.keelson.api.values.Quantity;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Comparison of quantities for validation. Uses {@link Quantity#compareTo}; while the provisional
 * {@code Quantity} (which cannot compare yet) is on the class path, falls back to evaluating the
 * canonical text here. The fallback goes away once the full {@code Quantity} has landed.
 */
final class Quantities {
  private Quantities() {}

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")),
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  static int compare(Quantity a, Quantity b) {
    try {
      return a.compareTo(b);
    } catch (UnsupportedOperationException provisional) {
      return value(a.toString()).compareTo(value(b.toString()));
    }
  }

  static int signum(Quantity q) {
    return compare(q, Quantity.parse("0"));
  }

  private static BigDecimal value(String text) {
    int end = text.length();
    while (end > 0 && Character.isLetter(text.charAt(end - 1))) {
      end--;
    }
    String suffix = text.substring(end);
    BigDecimal multiplier = SUFFIXES.get(suffix);
    if (multiplier == null) { // exponent form, 1e3
      return new BigDecimal(text);
    }
    return new BigDecimal(text.substring(0, end)).multiply(multiplier);
  }
}
