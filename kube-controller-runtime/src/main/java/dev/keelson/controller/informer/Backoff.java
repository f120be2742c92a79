package dev.keelson.controller.informer;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Jittered exponential backoff: the n-th consecutive failure waits {@code min(max, initial *
 * 2^(n-1))}, scaled by a random factor in [1, 1.5) (and capped at max). Not thread-safe.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private int failures;

  public Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  /** The delay before the next attempt; counts one more failure. */
  public Duration next() {
    int n = Math.min(failures++, 30);
    long base = Math.min(max.toNanos(), initial.toNanos() << Math.min(n, 20));
    if (base <= 0) {
      base = Math.min(max.toNanos(), initial.toNanos());
    }
    double jitter = 1 + ThreadLocalRandom.current().nextDouble() * 0.5;
    return Duration.ofNanos(Math.min(max.toNanos(), (long) (base * jitter)));
  }

  /** After a success: the next failure waits {@code initial} again. */
  public void reset() {
    failures = 0;
  }

  /** Consecutive failures counted since the last {@link #reset()}. */
  public int failures() {
    return failures;
  }
}
