package dev.keelson.apiserver;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What {@code GET /version} answers: the Kubernetes version whose API Keelson serves. kubectl's
 * version dispatcher on these machines picks the kubectl matching {@link #minor()}.
 */
public record Version(
    String major,
    String minor,
    String gitVersion,
    String gitCommit,
    String gitTreeState,
    String buildDate,
    String goVersion,
    String compiler,
    String platform) {

  /** The Kubernetes API version Keelson implements. */
  public static final Version CURRENT =
      new Version(
          "1",
          "32",
          "v1.32.4+keelson",
          "0000000000000000000000000000000000000000",
          "clean",
          DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssX")
              .withZone(ZoneOffset.UTC)
              .format(Instant.parse("2026-11-01T00:00:00Z")),
          "java" + Runtime.version().feature(),
          "javac",
          System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "/" + arch());

  private static String arch() {
    String a = System.getProperty("os.arch");
    return switch (a) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> a;
    };
  }
}
