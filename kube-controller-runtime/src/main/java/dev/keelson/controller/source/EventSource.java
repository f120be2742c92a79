package dev.keelson.controller.source;

/**
 * A stream of add/update/delete notifications about objects of one kind, as client-go's {@code
 * SharedInformer} offers them; informers implement it and controllers consume it.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>A handler added before or after the source started first receives {@code onAdd(obj, true)}
 *       for every object of the source's current state (the initial list), then changes as they
 *       happen.
 *   <li>Notifications for one object reach a handler in the order they happened; a handler is never
 *       called by two threads at once. Handlers must return quickly (a controller only adds keys to
 *       its queue).
 *   <li>{@link #hasSynced} turns {@code true} once the initial list has been delivered to the
 *       handlers registered so far, and stays {@code true}.
 * </ul>
 *
 * @param <T> the object type
 */
public interface EventSource<T> {

  /** Registers {@code handler}; it receives the current state as adds, then every change. */
  void addHandler(ResourceEventHandler<T> handler);

  /** Whether the initial list has been delivered (controllers start their workers after this). */
  boolean hasSynced();
}
