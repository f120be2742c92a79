package dev.keelson.controller.queue;

import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * An overall token bucket ({@link RateLimiter#tokenBucket}), as golang.org/x/time/rate's {@code
 * Reserve().Delay()}: tokens accrue at {@code qps} up to {@code burst}; each request takes one,
 * going into debt, and waits until the debt is repaid.
 */
final class TokenBucketRateLimiter<T> implements RateLimiter<T> {
  private final double qps;
  private final int burst;
  private final Clock clock;
  private double tokens;
  private long lastNanos;

  TokenBucketRateLimiter(double qps, int burst, Clock clock) {
    if (!(qps > 0) || burst < 1) {
      throw new IllegalArgumentException("need qps > 0 and burst >= 1: " + qps + ", " + burst);
    }
    this.qps = qps;
    this.burst = burst;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokens = burst;
    this.lastNanos = clock.nanoTime();
  }

  @Override
  public synchronized Duration when(T item) {
    long now = clock.nanoTime();
    if (now > lastNanos) {
      tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * qps);
      lastNanos = now;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / qps * 1e9));
  }

  @Override
  public void forget(T item) {}

  @Override
  public int numRequeues(T item) {
    return 0;
  }
}
