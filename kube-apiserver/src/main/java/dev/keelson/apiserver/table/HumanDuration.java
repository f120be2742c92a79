package dev.keelson.apiserver.table;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Kubernetes' short human durations ({@code duration.HumanDuration} of apimachinery), as the AGE
 * column shows them: {@code 45s}, {@code 119s}, {@code 2m}, {@code 9m59s}, {@code 10m}, {@code
 * 3h5m}, {@code 8h}, {@code 2d4h}, {@code 8d}, {@code 2y3d}, {@code 9y}.
 */
public final class HumanDuration {
  private HumanDuration() {}

  /**
   * The short form of {@code d}. Up to one second in the future reads {@code 0s} (clock skew); more
   * is {@code <invalid>}.
   */
  public static String format(Duration d) {
    long seconds = d.getSeconds() + (d.isNegative() && d.getNano() > 0 ? 1 : 0);
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = seconds / 3600;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long dy = (hours / 24) % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }

  /**
   * The age of {@code time} on {@code clock} ({@code translateTimestampSince}); null reads {@code
   * <unknown>}.
   */
  public static String since(Instant time, InstantSource clock) {
    if (time == null) {
      return "<unknown>";
    }
    return format(Duration.between(time, clock.instant()));
  }
}
