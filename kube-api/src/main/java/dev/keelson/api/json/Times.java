package dev.keelson.api.json;

import java.time.Instant;
import java.time.OffsetDateTime;
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
    return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Parses RFC 3339 with any offset and optional fractional seconds; the result keeps what was
   * given, and {@link #format} drops the fraction.
   *
   * @throws IllegalArgumentException with a message naming the expected form
   */
  public static Instant parse(String text) {
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
