package dev.keelson.api.validation;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a CronJob schedule as Kubernetes does (robfig/cron's standard parser): five fields
 * (minute, hour, day of month, month, day of week) of {@code *}, {@code ?}, numbers or names,
 * ranges, lists and steps; or a descriptor ({@code @yearly}, {@code @annually}, {@code @monthly},
 * {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly}, {@code @every <duration>});
 * optionally after {@code TZ=} or {@code CRON_TZ=}. Error texts are the parser's.
 */
public final class CronSchedule {
  private record Bounds(int min, int max, Map<String, Integer> names) {}

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
  private static final List<String> DESCRIPTORS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final Pattern GO_DURATION =
      Pattern.compile("([0-9]*(\\.[0-9]*)?(ns|us|µs|ms|s|m|h))+");

  private CronSchedule() {}

  /** Why {@code spec} is not a valid schedule, or empty if it is. */
  public static Optional<String> error(String spec) {
    String s = spec.trim();
    if (s.isEmpty()) {
      return Optional.of("empty spec string");
    }
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      int space = s.indexOf(' ');
      String zone = s.substring(s.indexOf('=') + 1, space < 0 ? s.length() : space);
      try {
        ZoneId.of(zone);
      } catch (DateTimeException e) {
        return Optional.of("provided bad location " + zone + ": unknown time zone " + zone);
      }
      s = space < 0 ? "" : s.substring(space).trim();
    }
    if (s.startsWith("@")) {
      return descriptor(s);
    }
    String[] fields = s.split("\\s+");
    if (fields.length != 5) {
      return Optional.of(
          "expected exactly 5 fields, found "
              + fields.length
              + ": ["
              + String.join(" ", fields)
              + "]");
    }
    for (int i = 0; i < 5; i++) {
      for (String expr : fields[i].split(",", -1)) {
        Optional<String> e = range(expr, FIELDS.get(i));
        if (e.isPresent()) {
          return e;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> descriptor(String s) {
    if (DESCRIPTORS.contains(s)) {
      return Optional.empty();
    }
    if (s.startsWith("@every ")) {
      String d = s.substring("@every ".length()).trim();
      Matcher m = GO_DURATION.matcher(d);
      if (!m.matches() || d.equals("0")) {
        return Optional.of(
            "failed to parse duration " + s + ": time: invalid duration \"" + d + "\"");
      }
      return Optional.empty();
    }
    return Optional.of("unrecognized descriptor: " + s);
  }

  private static Optional<String> range(String expr, Bounds b) {
    String[] rangeAndStep = expr.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    boolean star = rangeAndStep[0].equals("*") || rangeAndStep[0].equals("?");
    int start;
    int end;
    try {
      if (star) {
        start = b.min();
        end = b.max();
      } else {
        start = number(lowAndHigh[0], b);
        switch (lowAndHigh.length) {
          case 1 -> end = start;
          case 2 -> end = number(lowAndHigh[1], b);
          default -> {
            return Optional.of("too many hyphens: " + expr);
          }
        }
      }
      switch (rangeAndStep.length) {
        case 1 -> {}
        case 2 -> {
          int step = number(rangeAndStep[1], null);
          if (step <= 0) {
            return Optional.of("step of range should be a positive number: " + expr);
          }
          if (!star && lowAndHigh.length == 1) {
            end = b.max(); // N/step means N-max/step
          }
        }
        default -> {
          return Optional.of("too many slashes: " + expr);
        }
      }
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    if (start < b.min()) {
      return Optional.of(
          "beginning of range (" + start + ") below minimum (" + b.min() + "): " + expr);
    }
    if (end > b.max()) {
      return Optional.of("end of range (" + end + ") above maximum (" + b.max() + "): " + expr);
    }
    if (start > end) {
      return Optional.of(
          "beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
    }
    return Optional.empty();
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
}
