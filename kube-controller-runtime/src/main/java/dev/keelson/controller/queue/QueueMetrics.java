package dev.keelson.controller.queue;

import java.time.Duration;

/**
 * What one work queue reports, as client-go's workqueue metrics. Calls come from producer and
 * worker threads (and the clock's timer thread) and must be cheap and non-blocking.
 */
public interface QueueMetrics {
  /** An item became waiting (client-go {@code workqueue_adds_total}). */
  void added();

  /** The number of waiting items changed ({@code workqueue_depth}). */
  void depth(int depth);

  /** An item was handed out after waiting {@code latency} ({@code workqueue_queue_duration}). */
  void queueLatency(Duration latency);

  /** A worker finished an item after {@code duration} ({@code workqueue_work_duration}). */
  void workDuration(Duration duration);

  /** An item was re-added by the rate limiter ({@code workqueue_retries_total}). */
  void retried();

  /** A new item was refused because the queue was full. */
  void rejected();

  /**
   * Gives the metrics a view of the items in progress, to read {@code
   * workqueue_unfinished_work_seconds} and {@code workqueue_longest_running_processor_seconds} when
   * they are collected. Called once, when the queue is built.
   */
  default void bind(InFlight inFlight) {}

  /** The work in progress in a queue, read on demand. */
  interface InFlight {
    /** The sum of how long every item being processed has been processing. */
    Duration unfinishedWork();

    /** How long the longest-processing item has been processing (zero if none). */
    Duration longestRunning();
  }
}
