package dev.keelson.api.protobuf.internal;

/** Go's {@code time.Duration.String()}: {@code 1h2m3.5s}, {@code 1.5ms}, {@code 0s}. */
final class GoDuration {
  private GoDuration() {}

  static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (nanos < 0) {
      sb.append('-');
    }
    // Long.MIN_VALUE has no positive counterpart: work on the unsigned magnitude
    long u = nanos < 0 ? -nanos : nanos;
    if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
      if (u < 1_000L) {
        return sb.append(u).append("ns").toString();
      }
      if (u < 1_000_000L) {
        return sb.append(fraction(u, 1_000L)).append("µs").toString();
      }
      return sb.append(fraction(u, 1_000_000L)).append("ms").toString();
    }
    long seconds = Long.divideUnsigned(u, 1_000_000_000L);
    long rest = Long.remainderUnsigned(u, 1_000_000_000L);
    long hours = seconds / 3600;
    long minutes = seconds / 60 % 60;
    long secs = seconds % 60;
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      sb.append(minutes).append('m');
    }
    sb.append(fraction(secs * 1_000_000_000L + rest, 1_000_000_000L)).append('s');
    return sb.toString();
  }

  /** {@code value / unit} with the fraction's trailing zeros dropped. */
  private static String fraction(long value, long unit) {
    long whole = value / unit;
    long frac = value % unit;
    if (frac == 0) {
      return Long.toString(whole);
    }
    String digits = Long.toString(unit + frac).substring(1);
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    return whole + "." + digits.substring(0, end);
  }
}
