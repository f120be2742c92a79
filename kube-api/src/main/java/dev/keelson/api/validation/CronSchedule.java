package dev.keelson.api.validation;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CronJob schedule, parsed as Kubernetes parses it (robfig/cron's standard parser) and stepped
 * as its {@code SpecSchedule.Next} steps: five fields (minute, hour, day of month, month, day of
 * week) of {@code *}, {@code ?}, numbers or names, ranges, lists and steps; or a descriptor
 * ({@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code
 * @midnight}, {@code @hourly}, {@code @every <duration>}); optionally after {@code TZ=} or {@code
 * CRON_TZ=}. Error texts are the parser's. Validation asks {@link #error}; the CronJob controller
 * {@link #parse}s and asks {@link #next}.
 */
public final class CronSchedule {
  private record Bounds(int min, int max, Map<String, Integer> names) {}

  /** Set in a field's bits when it was {@code *} or {@code ?} without a step above 1. */
  private static final long STAR = 1L << 63;

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("oct", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12));
  private static final Map<String, Integer> DAYS =
      Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6);
  private static final List<Bounds> FIELDS =
      List.of(
          new Bounds(0, 59, Map.of()),
          new Bounds(0, 23, Map.of()),
          new Bounds(1, 31, Map.of()),
          new Bounds(1, 12, MONTHS),
          new Bounds(0, 6, DAYS));
  private static final Map<String, String> DESCRIPTORS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");
  private static final Pattern GO_DURATION =
      Pattern.compile("([0-9]*(\\.[0-9]*)?(ns|us|µs|ms|s|m|h))+");
  private static final Pattern GO_DURATION_PART =
      Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|ms|s|m|h)");

  /** Bits of the values each field allows, minute to day of week; unused with {@link #every}. */
  private final long[] fields;

  private final Duration every; // @every: a constant delay instead of fields
  private final ZoneId zone;

  private CronSchedule(long[] fields, Duration every, ZoneId zone) {
    this.fields = fields;
    this.every = every;
    this.zone = zone;
  }

  /** Why {@code spec} is not a valid schedule, or empty if it is. */
  public static Optional<String> error(String spec) {
    try {
      parse(spec, null);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Parses {@code spec}; {@code timeZone} (may be null or empty: UTC) applies unless the spec names
   * one with {@code TZ=} or {@code CRON_TZ=}.
   *
   * @throws IllegalArgumentException with the parser's message if the schedule is invalid
   */
  public static CronSchedule parse(String spec, String timeZone) {
    String s = spec.trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty spec string");
    }
    ZoneId zone = ZoneOffset.UTC;
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      int space = s.indexOf(' ');
      String name = s.substring(s.indexOf('=') + 1, space < 0 ? s.length() : space);
      try {
        zone = ZoneId.of(name);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException(
            "provided bad location " + name + ": unknown time zone " + name);
      }
      s = space < 0 ? "" : s.substring(space).trim();
    } else if (timeZone != null && !timeZone.isEmpty()) {
      try {
        zone = ZoneId.of(timeZone);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("unknown time zone " + timeZone);
      }
    }
    if (s.startsWith("@every ")) {
      return new CronSchedule(null, every(s), zone);
    }
    if (s.startsWith("@")) {
      String fields = DESCRIPTORS.get(s);
      if (fields == null) {
        throw new IllegalArgumentException("unrecognized descriptor: " + s);
      }
      s = fields;
    }
    String[] text = s.split("\\s+");
    if (text.length != 5) {
      throw new IllegalArgumentException(
          "expected exactly 5 fields, found " + text.length + ": [" + String.join(" ", text) + "]");
    }
    long[] bits = new long[5];
    for (int i = 0; i < 5; i++) {
      for (String expr : text[i].split(",", -1)) {
        bits[i] |= range(expr, FIELDS.get(i));
      }
    }
    return new CronSchedule(bits, null, zone);
  }

  /** {@code @every <d>}: at least a second, whole seconds, as robfig's {@code Every}. */
  private static Duration every(String s) {
    String d = s.substring("@every ".length()).trim();
    if (!GO_DURATION.matcher(d).matches()) {
      throw new IllegalArgumentException(
          "failed to parse duration " + s + ": time: invalid duration \"" + d + "\"");
    }
    Duration total = Duration.ZERO;
    Matcher m = GO_DURATION_PART.matcher(d);
    while (m.find()) {
      double v = Double.parseDouble(m.group(1).isEmpty() ? "0" : m.group(1));
      long nanos =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      total = total.plusNanos((long) (v * nanos));
    }
    if (total.compareTo(Duration.ofSeconds(1)) < 0) {
      total = Duration.ofSeconds(1);
    }
    return total.truncatedTo(ChronoUnit.SECONDS);
  }

  /** The bits of one comma-separated part of a field: a value, a range, or either with a step. */
  private static long range(String expr, Bounds b) {
    String[] rangeAndStep = expr.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    boolean star = rangeAndStep[0].equals("*") || rangeAndStep[0].equals("?");
    int start;
    int end;
    long extra = star ? STAR : 0;
    if (star) {
      start = b.min();
      end = b.max();
    } else {
      start = number(lowAndHigh[0], b);
      end =
          switch (lowAndHigh.length) {
            case 1 -> start;
            case 2 -> number(lowAndHigh[1], b);
            default -> throw new IllegalArgumentException("too many hyphens: " + expr);
          };
    }
    int step = 1;
    switch (rangeAndStep.length) {
      case 1 -> {}
      case 2 -> {
        step = number(rangeAndStep[1], null);
        if (step <= 0) {
          throw new IllegalArgumentException("step of range should be a positive number: " + expr);
        }
        if (!star && lowAndHigh.length == 1) {
          end = b.max(); // N/step means N-max/step
        }
        if (step > 1) {
          extra = 0;
        }
      }
      default -> throw new IllegalArgumentException("too many slashes: " + expr);
    }
    if (start < b.min()) {
      throw new IllegalArgumentException(
          "beginning of range (" + start + ") below minimum (" + b.min() + "): " + expr);
    }
    if (end > b.max()) {
      throw new IllegalArgumentException(
          "end of range (" + end + ") above maximum (" + b.max() + "): " + expr);
    }
    if (start > end) {
      throw new IllegalArgumentException(
          "beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
    }
    long bits = extra;
    for (int i = start; i <= end; i += step) {
      bits |= 1L << i;
    }
    return bits;
  }

  private static int number(String expr, Bounds b) {
    if (b != null) {
      Integer named = b.names().get(expr.toLowerCase(Locale.ROOT));
      if (named != null) {
        return named;
      }
    }
    int n;
    try {
      n = Integer.parseInt(expr);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "failed to parse int from "
              + expr
              + ": strconv.Atoi: parsing \""
              + expr
              + "\": invalid syntax");
    }
    if (n < 0) {
      throw new IllegalArgumentException("negative number (" + n + ") not allowed: " + expr);
    }
    return n;
  }

  /** The first activation strictly after {@code t}, or {@code null} if none within five years. */
  public Instant next(Instant t) {
    if (every != null) {
      return t.truncatedTo(ChronoUnit.SECONDS).plus(every);
    }
    ZonedDateTime z = t.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    int yearLimit = z.getYear() + 5;
    while (z.getYear() <= yearLimit) {
      if (!has(fields[3], z.getMonthValue())) {
        z = z.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
        continue;
      }
      if (!dayMatches(z)) {
        z = z.truncatedTo(ChronoUnit.DAYS).plusDays(1);
        continue;
      }
      if (!has(fields[1], z.getHour())) {
        z = z.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        continue;
      }
      if (!has(fields[0], z.getMinute())) {
        z = z.plusMinutes(1);
        continue;
      }
      return z.toInstant();
    }
    return null;
  }

  /** Day of month and day of week must both match if either is a star; else either may. */
  private boolean dayMatches(ZonedDateTime z) {
    long dom = fields[2];
    long dow = fields[4];
    boolean domMatch = has(dom, z.getDayOfMonth());
    boolean dowMatch = has(dow, z.getDayOfWeek().getValue() % 7);
    if ((dom & STAR) != 0 || (dow & STAR) != 0) {
      return domMatch && dowMatch;
    }
    return domMatch || dowMatch;
  }

  private static boolean has(long bits, int v) {
    return (bits & (1L << v)) != 0;
  }
}
