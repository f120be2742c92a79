package dev.keelson.controller.queue;

import java.time.Duration;
import java.util.List;

/**
 * A snapshot of one queue's metrics, from {@link InMemoryQueueMetrics#stats}.
 *
 * @param depth items waiting now
 * @param adds items that became waiting, ever
 * @param retries rate-limited re-adds, ever
 * @param rejected new items refused because the queue was full, ever
 * @param queueLatency how long items waited before a worker took them
 * @param workDuration how long workers processed items
 * @param unfinishedWork the summed processing time of the items being processed now
 * @param longestRunning the processing time of the longest-running item now
 */
public record QueueStats(
    int depth,
    long adds,
    long retries,
    long rejected,
    Histogram queueLatency,
    Histogram workDuration,
    Duration unfinishedWork,
    Duration longestRunning) {

  /**
   * A histogram of durations in seconds.
   *
   * @param upperBounds bucket upper bounds, seconds, ascending
   * @param cumulativeCounts observations {@code <=} each bound (Prometheus' cumulative buckets)
   * @param count all observations
   * @param sumSeconds their sum in seconds
   * @param max the largest observation
   */
  public record Histogram(
      List<Double> upperBounds,
      List<Long> cumulativeCounts,
      long count,
      double sumSeconds,
      Duration max) {
    public Histogram {
      upperBounds = List.copyOf(upperBounds);
      cumulativeCounts = List.copyOf(cumulativeCounts);
    }
  }
}
