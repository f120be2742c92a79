package dev.keelson.controller.queue;

import dev.keelson.controller.time.Clock;
import java.util.Objects;

/**
 * How a work queue is built.
 *
 * @param name the queue's name, used in metrics labels and logs
 * @param clock measures delays, backoff and latencies
 * @param maxDepth how many distinct items may wait (queued, dirty or delayed) before new ones are
 *     refused; see {@link WorkQueue} for the policy
 * @param metrics where the queue reports
 */
public record QueueOptions(String name, Clock clock, int maxDepth, QueueMetricsProvider metrics) {
  /** The default bound: 2^20 distinct waiting items. */
  public static final int DEFAULT_MAX_DEPTH = 1 << 20;

  public QueueOptions {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(metrics, "metrics");
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
    }
  }

  /** An unnamed queue on the system clock, bound {@link #DEFAULT_MAX_DEPTH}, no metrics. */
  public static QueueOptions defaults() {
    return new QueueOptions("", Clock.system(), DEFAULT_MAX_DEPTH, QueueMetricsProvider.none());
  }

  /** These options with another name. */
  public QueueOptions withName(String name) {
    return new QueueOptions(name, clock, maxDepth, metrics);
  }

  /** These options with another clock. */
  public QueueOptions withClock(Clock clock) {
    return new QueueOptions(name, clock, maxDepth, metrics);
  }

  /** These options with another bound. */
  public QueueOptions withMaxDepth(int maxDepth) {
    return new QueueOptions(name, clock, maxDepth, metrics);
  }

  /** These options with another metrics provider. */
  public QueueOptions withMetrics(QueueMetricsProvider metrics) {
    return new QueueOptions(name, clock, maxDepth, metrics);
  }
}
