package dev.keelson.controller.queue;

import java.time.Duration;

/** Makes the {@link QueueMetrics} of each named queue. */
@FunctionalInterface
public interface QueueMetricsProvider {
  /** The metrics of the queue called {@code name}; called once per queue. */
  QueueMetrics forQueue(String name);

  /** Discards every metric. */
  static QueueMetricsProvider none() {
    return name -> NoMetrics.INSTANCE;
  }

  /** The metrics that record nothing. */
  enum NoMetrics implements QueueMetrics {
    /** The only instance. */
    INSTANCE;

    @Override
    public void added() {}

    @Override
    public void depth(int depth) {}

    @Override
    public void queueLatency(Duration latency) {}

    @Override
    public void workDuration(Duration duration) {}

    @Override
    public void retried() {}

    @Override
    public void rejected() {}
  }
}
