package dev.keelson.controller.queue;

import java.time.Duration;
import java.util.List;

/** The longest delay of several limiters ({@link RateLimiter#maxOf}). */
final class MaxOfRateLimiter<T> implements RateLimiter<T> {
  private final List<RateLimiter<? super T>> limiters;

  MaxOfRateLimiter(List<RateLimiter<? super T>> limiters) {
    if (limiters.isEmpty()) {
      throw new IllegalArgumentException("maxOf needs at least one limiter");
    }
    this.limiters = limiters;
  }

  @Override
  public Duration when(T item) {
    Duration max = Duration.ZERO;
    for (RateLimiter<? super T> l : limiters) {
      Duration d = l.when(item);
      if (d.compareTo(max) > 0) {
        max = d;
      }
    }
    return max;
  }

  @Override
  public void forget(T item) {
    for (RateLimiter<? super T> l : limiters) {
      l.forget(item);
    }
  }

  @Override
  public int numRequeues(T item) {
    int max = 0;
    for (RateLimiter<? super T> l : limiters) {
      max = Math.max(max, l.numRequeues(item));
    }
    return max;
  }
}
