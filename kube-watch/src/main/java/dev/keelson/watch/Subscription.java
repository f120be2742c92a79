package dev.keelson.watch;

import java.util.concurrent.CompletionStage;

/**
 * A running subscription to a resource's events. Closing it stops delivery; it is idempotent and
 * may be called from the sink.
 *
 * <p>How it ends is reported once by {@link #terminated()}:
 *
 * <ul>
 *   <li>normally after {@link #close()}, after its timeout, when the cache closes, or when the
 *       cache had to re-list from the store (resume from the last resource version received);
 *   <li>with {@link dev.keelson.api.errors.GoneException} (410, reason Expired) after an ERROR
 *       event when its start resource version is older than the window, or when it fell further
 *       behind than its buffer allows;
 *   <li>with {@link dev.keelson.api.errors.ApiTimeoutException} (504) after an ERROR event when its
 *       start resource version is newer than the cache reaches in time;
 *   <li>with whatever the sink threw.
 * </ul>
 *
 * <p>No sink call starts after {@code terminated()} completes.
 */
public interface Subscription extends AutoCloseable {
  /** Completes when the subscription has ended. */
  CompletionStage<Void> terminated();

  /** Stops the subscription; a sink call in progress is not interrupted. */
  @Override
  void close();
}
