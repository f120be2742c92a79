package dev.keelson.controllers.cronjob;

import dev.keelson.api.validation.CronSchedule;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed CronJob schedule that computes its next activation (robfig/cron's standard parser and
 * {@code SpecSchedule.Next}): five fields, descriptors, {@code @every}, and a time zone from {@code
 * TZ=}/{@code CRON_TZ=} or the CronJob's {@code timeZone}. Validation is {@link CronSchedule}'s.
 */
public final class CronExpression {
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

  private final long minute;
  private final long hour;
  private final long dom;
  private final long month;
  private final long dow;
  private final Duration every; // @every: a constant delay instead of fields
  private final ZoneId zone;

  private CronExpression(
      long minute, long hour, long dom, long month, long dow, Duration every, ZoneId zone) {
    this.minute = minute;
    this.hour = hour;
    this.dom = dom;
    this.month = month;
    this.dow = dow;
    this.every = every;
    this.zone = zone;
  }

  /**
   * Parses {@code spec}; {@code timeZone} (may be null: UTC) applies unless the spec names one.
   *
   * @throws IllegalArgumentException with the parser's message if the schedule is invalid
   */
  public static CronExpression parse(String spec, String timeZone) {
    CronSchedule.error(spec)
        .ifPresent(
            e -> {
              throw new IllegalArgumentException(e);
            });
    String s = spec.trim();
    ZoneId zone;
    try {
      zone = timeZone == null || timeZone.isEmpty() ? ZoneOffset.UTC : ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone " + timeZone);
    }
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      int space = s.indexOf(' ');
      zone = ZoneId.of(s.substring(s.indexOf('=') + 1, space));
      s = s.substring(space).trim();
    }
    switch (s) {
      case "@yearly", "@annually" -> s = "0 0 1 1 *";
      case "@monthly" -> s = "0 0 1 * *";
      case "@weekly" -> s = "0 0 * * 0";
      case "@daily", "@midnight" -> s = "0 0 * * *";
      case "@hourly" -> s = "0 * * * *";
      default -> {}
    }
    if (s.startsWith("@every ")) {
      Duration d = goDuration(s.substring("@every ".length()).trim());
      if (d.compareTo(Duration.ofSeconds(1)) < 0) {
        d = Duration.ofSeconds(1);
      }
      return new CronExpression(0, 0, 0, 0, 0, d.truncatedTo(ChronoUnit.SECONDS), zone);
    }
    String[] f = s.split("\\s+");
    return new CronExpression(
        field(f[0], 0, 59, Map.of()),
        field(f[1], 0, 23, Map.of()),
        field(f[2], 1, 31, Map.of()),
        field(f[3], 1, 12, MONTHS),
        field(f[4], 0, 6, DAYS),
        null,
        zone);
  }

  private static long field(String text, int min, int max, Map<String, Integer> names) {
    long bits = 0;
    for (String expr : text.split(",")) {
      String[] rangeAndStep = expr.split("/");
      String[] lowHigh = rangeAndStep[0].split("-");
      boolean star = rangeAndStep[0].equals("*") || rangeAndStep[0].equals("?");
      int start = star ? min : number(lowHigh[0], names);
      int end = star ? max : lowHigh.length == 2 ? number(lowHigh[1], names) : start;
      int step = 1;
      long extra = star ? STAR : 0;
      if (rangeAndStep.length == 2) {
        step = Integer.parseInt(rangeAndStep[1]);
        if (!star && lowHigh.length == 1) {
          end = max;
        }
        if (step > 1) {
          extra = 0;
        }
      }
      for (int i = start; i <= end; i += step) {
        bits |= 1L << i;
      }
      bits |= extra;
    }
    return bits;
  }

  private static int number(String s, Map<String, Integer> names) {
    Integer n = names.get(s.toLowerCase(Locale.ROOT));
    return n != null ? n : Integer.parseInt(s);
  }

  /** Go's time.ParseDuration for the units cron accepts. */
  private static Duration goDuration(String s) {
    Duration total = Duration.ZERO;
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|ms|s|m|h)").matcher(s);
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
    return total;
  }

  /** The first activation strictly after {@code t}, or {@code null} if none within five years. */
  public Instant next(Instant t) {
    if (every != null) {
      return t.truncatedTo(ChronoUnit.SECONDS).plus(every);
    }
    ZonedDateTime z = t.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    int yearLimit = z.getYear() + 5;
    while (z.getYear() <= yearLimit) {
      if (!has(month, z.getMonthValue())) {
        z = z.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
        continue;
      }
      if (!dayMatches(z)) {
        z = z.truncatedTo(ChronoUnit.DAYS).plusDays(1);
        continue;
      }
      if (!has(hour, z.getHour())) {
        z = z.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        continue;
      }
      if (!has(minute, z.getMinute())) {
        z = z.plusMinutes(1);
        continue;
      }
      return z.toInstant();
    }
    return null;
  }

  private boolean dayMatches(ZonedDateTime z) {
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
