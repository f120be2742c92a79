package dev.keelson.controller.source;

/**
 * A source of object notifications (an informer, or anything that behaves like one) that
 * controllers subscribe to.
 *
 * @param <T> the object type
 */
public interface EventSource<T> {
  /**
   * Adds a handler. A handler added after the source started first receives the current state as
   * {@link ResourceEventHandler#onAdd onAdd(obj, true)}, then the changes that follow.
   */
  void addHandler(ResourceEventHandler<T> handler);

  /** Whether the source has delivered (or queued) its initial state: the first list is done. */
  boolean hasSynced();
}
