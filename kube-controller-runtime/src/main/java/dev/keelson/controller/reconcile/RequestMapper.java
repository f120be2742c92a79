package dev.keelson.controller.reconcile;

import java.util.Set;

/**
 * Maps an object that changed to the requests it should trigger (controller-runtime's {@code
 * handler.EventHandler}). See {@link Mappers} for the common ones.
 *
 * @param <T> the object type
 */
@FunctionalInterface
public interface RequestMapper<T> {
  /** The requests {@code object} triggers; empty for none. */
  Set<Request> map(T object);
}
