package dev.keelson.api.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Kubernetes' {@code metav1.Time}: RFC 3339 in UTC at second precision, {@code
 * 2024-05-01T10:00:00Z}. Model records hold such times as {@link Instant}; {@link KubeJson} writes
 * and reads them with these methods.
 */
public final class Times {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssX").withZone(ZoneOffset.UTC);

  private Times() {}

  /** Formats at second precision in UTC (fractions are dropped, as Kubernetes does). */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds >= 0 && seconds < MAX_FAST_SECONDS) {
      // Fast path for years 1970-9999: no formatter machinery, one small char array.
      LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
      char[] c = new char[20];
      digits(c, 0, t.getYear(), 4);
      c[4] = '-';
      digits(c, 5, t.getMonthValue(), 2);
      c[7] = '-';
      digits(c, 8, t.getDayOfMonth(), 2);
      c[10] = 'T';
      digits(c, 11, t.getHour(), 2);
      c[13] = ':';
      digits(c, 14, t.getMinute(), 2);
      c[16] = ':';
      digits(c, 17, t.getSecond(), 2);
      c[19] = 'Z';
      return new String(c);
    }
    return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** 10000-01-01T00:00:00Z: below it a year has four digits. */
  private static final long MAX_FAST_SECONDS = 253402300800L;

  private static void digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** Parses {@code YYYY-MM-DDTHH:MM:SSZ} without a formatter; null for any other form. */
  private static Instant parseCanonical(String s) {
    if (s.length() != 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(19) != 'Z') {
      return null;
    }
    int year = number(s, 0, 4);
    int month = number(s, 5, 2);
    int day = number(s, 8, 2);
    int hour = number(s, 11, 2);
    int minute = number(s, 14, 2);
    int second = number(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > YearMonth.of(year, month).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return null; // the full parser produces the error message
    }
    return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
  }

  private static int number(String s, int at, int width) {
    int v = 0;
    for (int i = at; i < at + width; i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }

  /**
   * Parses RFC 3339 with any offset and optional fractional seconds; the result keeps what was
   * given, and {@link #format} drops the fraction.
   *
   * @throws IllegalArgumentException with a message naming the expected form
   */
  public static Instant parse(String text) {
    Instant fast = parseCanonical(text);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "invalid time \"" + text + "\": expected RFC 3339, e.g. 2024-05-01T10:00:00Z");
    }
  }

  /** {@code instant} truncated to the precision it is stored with. */
  public static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }
}
