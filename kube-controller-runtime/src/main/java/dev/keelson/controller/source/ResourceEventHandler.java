package dev.keelson.controller.source;

/**
 * Receives the notifications of an {@link EventSource}. Notifications of one handler arrive one at
 * a time, on one thread, and never concurrently; a handler should return quickly (hand work to a
 * queue).
 *
 * @param <T> the object type
 */
public interface ResourceEventHandler<T> {
  /**
   * An object appeared.
   *
   * @param isInInitialList true when it is part of the state the handler started with (the first
   *     list, or the cache contents when the handler was added to a running source)
   */
  default void onAdd(T obj, boolean isInInitialList) {}

  /**
   * An object changed. A periodic resync delivers {@code onUpdate(obj, obj)} with the same instance
   * twice: compare resource versions to tell a resync from a change.
   */
  default void onUpdate(T oldObj, T newObj) {}

  /**
   * An object went away.
   *
   * @param obj its last known state
   * @param finalStateUnknown true when the deletion was inferred (a relist no longer contained the
   *     object) rather than watched: {@code obj} may be stale
   */
  default void onDelete(T obj, boolean finalStateUnknown) {}
}
