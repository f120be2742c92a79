package dev.keelson.controller.cache;

import java.util.Collection;

/**
 * Computes the index values of an object (client-go's {@code IndexFunc}); an object may have none,
 * one or many. Must be a pure function of the object.
 *
 * @param <T> the object type
 */
@FunctionalInterface
public interface IndexFunction<T> {
  /** The values under which {@code object} is found; never {@code null}. */
  Collection<String> values(T object);
}
