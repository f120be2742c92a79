package dev.keelson.controller.source;

/**
 * Receives the notifications of an {@link EventSource}, as client-go's {@code
 * ResourceEventHandler}. Every method does nothing by default; implement the ones you need.
 *
 * @param <T> the object type
 */
public interface ResourceEventHandler<T> {

  /**
   * An object appeared.
   *
   * @param isInInitialList {@code true} while the source delivers its initial list (the object
   *     existed before the handler was registered), {@code false} for an object created later
   */
  default void onAdd(T obj, boolean isInInitialList) {}

  /**
   * An object changed (or a periodic resync re-delivered it: then {@code oldObj} and {@code newObj}
   * carry the same resourceVersion).
   */
  default void onUpdate(T oldObj, T newObj) {}

  /**
   * An object was deleted.
   *
   * @param obj the last state the source knew
   * @param finalStateUnknown {@code true} if the source missed the deletion (a watch gap healed by
   *     a re-list) so that {@code obj} may be stale
   */
  default void onDelete(T obj, boolean finalStateUnknown) {}
}
