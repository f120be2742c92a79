package dev.keelson.controller.queue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Per-item exponential backoff ({@link RateLimiter#exponential}). */
final class ExponentialBackoffRateLimiter<T> implements RateLimiter<T> {
  private final long baseNanos;
  private final long maxNanos;
  private final Map<T, Integer> failures = new HashMap<>();

  ExponentialBackoffRateLimiter(Duration base, Duration max) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 <= base <= max: " + base + ", " + max);
    }
    this.baseNanos = base.toNanos();
    this.maxNanos = max.toNanos();
  }

  @Override
  public synchronized Duration when(T item) {
    int n = failures.merge(item, 1, Integer::sum) - 1;
    // base * 2^n without overflow: stop doubling once past max.
    long d = baseNanos;
    for (int i = 0; i < n && d < maxNanos; i++) {
      d = d > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : d * 2;
    }
    return Duration.ofNanos(Math.min(d, maxNanos));
  }

  @Override
  public synchronized void forget(T item) {
    failures.remove(item);
  }

  @Override
  public synchronized int numRequeues(T item) {
    return failures.getOrDefault(item, 0);
  }
}
