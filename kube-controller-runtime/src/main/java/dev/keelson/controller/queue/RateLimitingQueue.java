package dev.keelson.controller.queue;

import java.util.Objects;

/**
 * A delaying queue whose retries are spaced by a {@link RateLimiter}: {@link #addRateLimited}
 * re-adds an item after the limiter's delay (per-item exponential backoff, an overall token
 * bucket...), and {@link #forget} resets the item's backoff once it has been processed
 * successfully.
 *
 * <p>The usual worker loop:
 *
 * <pre>{@code
 * K key = queue.get();
 * if (key == null) return; // shut down
 * try {
 *   process(key);
 *   queue.forget(key);          // success: next failure starts from the base delay
 * } catch (Exception e) {
 *   queue.addRateLimited(key);  // failure: retry after the backoff
 * } finally {
 *   queue.done(key);
 * }
 * }</pre>
 *
 * @param <T> the item type
 */
public interface RateLimitingQueue<T> extends DelayingQueue<T> {

  /**
   * A rate-limited queue with the given options and limiter (typically {@link
   * RateLimiter#controllerDefault}).
   */
  static <T> RateLimitingQueue<T> create(QueueOptions options, RateLimiter<? super T> limiter) {
    return new DefaultWorkQueue<>(options, Objects.requireNonNull(limiter, "limiter"));
  }

  /**
   * Adds {@code item} after the delay the rate limiter asks for, and counts a retry.
   *
   * @return {@code false} if it was refused (queue full or shutting down)
   */
  boolean addRateLimited(T item);

  /** Tells the rate limiter that {@code item} succeeded: its backoff starts over. */
  void forget(T item);

  /** How many times {@code item} was rate-limited since it was last forgotten. */
  int numRequeues(T item);
}
