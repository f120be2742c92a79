package dev.keelson.store;

import java.util.List;

/**
 * Receives the events of a {@link Watch}.
 *
 * <p>Threading: calls for one watch come from one thread at a time, in revision order, never
 * concurrently. Each call carries the events of one or more whole revisions, ascending by revision
 * and, within a revision, by key: the events of one revision (a transaction touching several keys)
 * are never split across calls. The listener should return quickly; while it runs, new events queue
 * in the watch's bounded buffer, and when that fills the watch ends with {@link
 * WatchOverflowException}. A listener that throws ends the watch with that exception.
 */
@FunctionalInterface
public interface WatchListener {
  /** Handles the events of one or more whole revisions, in order. Never called with none. */
  void onEvents(List<WatchEvent> events) throws Exception;

  /**
   * Progress: every event of this watch with a revision up to {@code revision} has been delivered,
   * so a reader of the watched keys is current at {@code revision} even if the newest writes were
   * to other keys. Answers {@link Watch#requestProgress()}; called on the same thread as, and
   * ordered with, {@link #onEvents}. The default ignores it.
   */
  default void onProgress(long revision) throws Exception {}
}
