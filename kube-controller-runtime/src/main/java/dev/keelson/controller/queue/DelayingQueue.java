package dev.keelson.controller.queue;

import java.time.Duration;

/**
 * A work queue that can also add an item later, after a delay measured on the queue's {@link
 * dev.keelson.controller.time.Clock} (so tests drive it with a {@link
 * dev.keelson.controller.time.FakeClock}).
 *
 * <p>An item waits for its delay at most once: adding it again with a delay that ends later than
 * the one already pending changes nothing; one that ends sooner replaces it. When the delay ends
 * the item is {@link #add added} (and deduplicated as usual). Delayed items count towards the
 * queue's bound; shutting down cancels them.
 *
 * @param <T> the item type
 */
public interface DelayingQueue<T> extends WorkQueue<T> {

  /** A delaying queue with the given options. */
  static <T> DelayingQueue<T> create(QueueOptions options) {
    return new DefaultWorkQueue<>(options, null);
  }

  /**
   * Adds {@code item} once {@code delay} has passed; a zero or negative delay adds it now.
   *
   * @return {@code false} if it was refused (queue full or shutting down)
   */
  boolean addAfter(T item, Duration delay);
}
