package dev.keelson.store;

import java.util.concurrent.CompletionStage;

/**
 * A running watch. Closing it stops delivery; it is idempotent and may be called from the listener.
 *
 * <p>How a watch ends is reported once, by {@link #terminated()}:
 *
 * <ul>
 *   <li>normally, after {@link #close()};
 *   <li>with {@link CompactedException} when its start revision is (or becomes, before it is
 *       replayed) older than the compacted revision: resume from a fresh list;
 *   <li>with {@link WatchOverflowException} when the listener fell too far behind;
 *   <li>with {@link UnavailableException} when the store was closed or its backend was lost;
 *   <li>with whatever the listener threw.
 * </ul>
 *
 * <p>No listener call starts after {@code terminated()} completes.
 */
public interface Watch extends AutoCloseable {
  /** Completes when the watch has ended and no more events will be delivered. */
  CompletionStage<Void> terminated();

  /**
   * Asks for a {@link WatchListener#onProgress} call with a revision at least the store's revision
   * at the time of this call, after every earlier event of this watch (etcd's progress request). A
   * watch cache uses it to learn that it is current when the newest writes were to other keys.
   * Requests may be merged; stores without progress notifications ignore them (the default).
   */
  default void requestProgress() {}

  /** Stops the watch; {@link #terminated()} then completes normally unless it already ended. */
  @Override
  void close();
}
