package dev.keelson.node.logs;

import java.time.Instant;

/**
 * What part of a container's log to answer, as kubelet's {@code containerLogs} query parameters.
 *
 * @param follow keep answering lines as they are written until the container stops
 * @param tailLines only the last N lines ({@code -1}: all)
 * @param since only lines written at or after this instant (null: all); {@code sinceSeconds} is
 *     turned into an instant by the caller
 * @param timestamps prefix each line with its RFC 3339 timestamp (nanoseconds) and a space
 * @param limitBytes stop after this many bytes ({@code -1}: no limit)
 */
public record LogOptions(
    boolean follow, long tailLines, Instant since, boolean timestamps, long limitBytes) {

  /** The whole log, once, without timestamps. */
  public static LogOptions all() {
    return new LogOptions(false, -1, null, false, -1);
  }

  /** These options with {@code follow} set. */
  public LogOptions withFollow(boolean f) {
    return new LogOptions(f, tailLines, since, timestamps, limitBytes);
  }

  /** These options with {@code tailLines} set. */
  public LogOptions withTailLines(long n) {
    return new LogOptions(follow, n, since, timestamps, limitBytes);
  }

  /** These options with {@code since} set. */
  public LogOptions withSince(Instant s) {
    return new LogOptions(follow, tailLines, s, timestamps, limitBytes);
  }

  /** These options with {@code timestamps} set. */
  public LogOptions withTimestamps(boolean t) {
    return new LogOptions(follow, tailLines, since, t, limitBytes);
  }

  /** These options with {@code limitBytes} set. */
  public LogOptions withLimitBytes(long n) {
    return new LogOptions(follow, tailLines, since, timestamps, n);
  }
}
