package dev.keelson.controller.source;

/**
 * Decides which notifications become work, as controller-runtime's {@code predicate.Funcs}. Each
 * method defaults to {@code true} (let through). Build common ones with {@link Predicates}.
 *
 * @param <T> the object type
 */
public interface EventPredicate<T> {

  /** Whether an add of {@code obj} counts. */
  default boolean onAdd(T obj) {
    return true;
  }

  /** Whether a change from {@code oldObj} to {@code newObj} counts. */
  default boolean onUpdate(T oldObj, T newObj) {
    return true;
  }

  /** Whether a deletion of {@code obj} counts. */
  default boolean onDelete(T obj) {
    return true;
  }
}
