package dev.keelson.controller.queue;

import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Decides how long an item waits before it is retried, as client-go's {@code RateLimiter}. Limiters
 * compose: {@link #maxOf} waits for the longest of several. Thread-safe.
 *
 * @param <T> the item type
 */
public interface RateLimiter<T> {

  /** How long {@code item} must wait now; also counts one more requeue of it. */
  Duration when(T item);

  /** Forgets {@code item}'s history: its next {@link #when} starts from scratch. */
  void forget(T item);

  /** How many times {@link #when} was asked about {@code item} since it was last forgotten. */
  int numRequeues(T item);

  /**
   * Per-item exponential backoff: the n-th requeue (from 0) of an item waits {@code base * 2^n}, at
   * most {@code max}. One entry per item not yet forgotten.
   */
  static <T> RateLimiter<T> exponential(Duration base, Duration max) {
    return new ExponentialBackoffRateLimiter<>(base, max);
  }

  /**
   * An overall token bucket shared by every item: {@code burst} requeues may go at once, then
   * {@code qps} per second; each {@link #when} takes a token, waiting until one is due.
   */
  static <T> RateLimiter<T> tokenBucket(double qps, int burst, Clock clock) {
    return new TokenBucketRateLimiter<>(qps, burst, clock);
  }

  /** Waits for the longest delay of {@code limiters}; forgets in all of them. */
  @SafeVarargs
  static <T> RateLimiter<T> maxOf(RateLimiter<? super T>... limiters) {
    return new MaxOfRateLimiter<T>(List.<RateLimiter<? super T>>of(limiters));
  }

  /**
   * client-go's {@code DefaultControllerRateLimiter}: the maximum of a per-item exponential backoff
   * from 5 ms to 1000 s and an overall token bucket of 10 qps with a burst of 100.
   */
  static <T> RateLimiter<T> controllerDefault(Clock clock) {
    return maxOf(
        exponential(Duration.ofMillis(5), Duration.ofSeconds(1000)), tokenBucket(10, 100, clock));
  }
}
