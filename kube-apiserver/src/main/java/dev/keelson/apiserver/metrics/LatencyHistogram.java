package dev.keelson.apiserver.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram of durations, lock-free to record. */
final class LatencyHistogram {
  private final double[] bounds;
  private final LongAdder[] buckets;
  private final LongAdder count = new LongAdder();
  private final AtomicLong sumNanos = new AtomicLong();

  LatencyHistogram(double[] bounds) {
    this.bounds = bounds;
    this.buckets = new LongAdder[bounds.length];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  void observe(long nanos) {
    double seconds = nanos / 1e9;
    for (int i = 0; i < bounds.length; i++) {
      if (seconds <= bounds[i]) {
        buckets[i].increment();
      }
    }
    count.increment();
    sumNanos.addAndGet(nanos);
  }

  long count() {
    return count.sum();
  }

  /** Appends {@code name_bucket}, {@code name_sum} and {@code name_count} lines. */
  void render(StringBuilder out, String name, String labels) {
    for (int i = 0; i < bounds.length; i++) {
      out.append(name)
          .append("_bucket{")
          .append(labels)
          .append(",le=\"")
          .append(bounds[i])
          .append("\"} ")
          .append(buckets[i].sum())
          .append('\n');
    }
    long n = count.sum();
    out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(n);
    out.append('\n');
    out.append(name).append("_sum{").append(labels).append("} ").append(sumNanos.get() / 1e9);
    out.append('\n');
    out.append(name).append("_count{").append(labels).append("} ").append(n).append('\n');
  }
}
