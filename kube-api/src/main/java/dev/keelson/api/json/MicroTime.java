package dev.keelson.api.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A time with microsecond precision ({@code metav1.MicroTime}), written in RFC 3339 with exactly
 * six fractional digits in UTC: {@code 2024-05-01T10:00:00.123456Z}. Used by Lease and
 * events.k8s.io Event; everything else uses {@link Instant} at second precision (see {@link
 * Times}).
 */
public record MicroTime(Instant instant) implements Comparable<MicroTime> {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  public MicroTime {
    Objects.requireNonNull(instant, "instant");
    instant = instant.truncatedTo(ChronoUnit.MICROS);
  }

  public static MicroTime of(Instant instant) {
    return new MicroTime(instant);
  }

  /** Parses RFC 3339 with any number of fractional digits and any offset. */
  @JsonCreator
  public static MicroTime parse(String text) {
    try {
      return new MicroTime(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "invalid time \"" + text + "\": expected RFC 3339, e.g. 2024-05-01T10:00:00.000000Z");
    }
  }

  @JsonValue
  @Override
  public String toString() {
    return FORMAT.format(instant);
  }

  @Override
  public int compareTo(MicroTime o) {
    return instant.compareTo(o.instant);
  }
}
