package dev.keelson.controller.source;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Common {@link EventPredicate}s. The "changed" predicates only filter updates (adds and deletes
 * pass), as controller-runtime's: use {@link #generationChanged()} to ignore status-only and
 * metadata-only updates of objects whose spec bumps {@code metadata.generation}.
 */
public final class Predicates {
  private Predicates() {}

  /** Lets every notification through. */
  public static <T> EventPredicate<T> all() {
    return new EventPredicate<>() {};
  }

  /** Updates whose {@code metadata.generation} changed (the desired state changed). */
  public static <T extends KubernetesObject> EventPredicate<T> generationChanged() {
    return updatesWhere(ObjectMeta::generation);
  }

  /** Updates whose labels changed. */
  public static <T extends KubernetesObject> EventPredicate<T> labelsChanged() {
    return updatesWhere(ObjectMeta::labels);
  }

  /** Updates whose annotations changed. */
  public static <T extends KubernetesObject> EventPredicate<T> annotationsChanged() {
    return updatesWhere(ObjectMeta::annotations);
  }

  /** Updates whose resourceVersion changed (drops periodic resyncs of unchanged objects). */
  public static <T extends KubernetesObject> EventPredicate<T> resourceVersionChanged() {
    return updatesWhere(ObjectMeta::resourceVersion);
  }

  /**
   * Notifications about objects that satisfy {@code test}; for updates, the new object is tested.
   */
  public static <T> EventPredicate<T> matching(Predicate<? super T> test) {
    Objects.requireNonNull(test, "test");
    return new EventPredicate<>() {
      @Override
      public boolean onAdd(T obj) {
        return test.test(obj);
      }

      @Override
      public boolean onUpdate(T oldObj, T newObj) {
        return test.test(newObj);
      }

      @Override
      public boolean onDelete(T obj) {
        return test.test(obj);
      }
    };
  }

  /** Notifications that every one of {@code predicates} lets through. */
  @SafeVarargs
  public static <T> EventPredicate<T> and(EventPredicate<? super T>... predicates) {
    List<EventPredicate<? super T>> ps = List.of(predicates);
    return new EventPredicate<>() {
      @Override
      public boolean onAdd(T obj) {
        return ps.stream().allMatch(p -> p.onAdd(obj));
      }

      @Override
      public boolean onUpdate(T oldObj, T newObj) {
        return ps.stream().allMatch(p -> p.onUpdate(oldObj, newObj));
      }

      @Override
      public boolean onDelete(T obj) {
        return ps.stream().allMatch(p -> p.onDelete(obj));
      }
    };
  }

  /** Notifications that at least one of {@code predicates} lets through. */
  @SafeVarargs
  public static <T> EventPredicate<T> or(EventPredicate<? super T>... predicates) {
    List<EventPredicate<? super T>> ps = List.of(predicates);
    return new EventPredicate<>() {
      @Override
      public boolean onAdd(T obj) {
        return ps.stream().anyMatch(p -> p.onAdd(obj));
      }

      @Override
      public boolean onUpdate(T oldObj, T newObj) {
        return ps.stream().anyMatch(p -> p.onUpdate(oldObj, newObj));
      }

      @Override
      public boolean onDelete(T obj) {
        return ps.stream().anyMatch(p -> p.onDelete(obj));
      }
    };
  }

  /**
   * The notifications {@code predicate} stops, for each kind of notification. Note that {@code
   * not(generationChanged())} also stops every add and delete.
   */
  public static <T> EventPredicate<T> not(EventPredicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return new EventPredicate<>() {
      @Override
      public boolean onAdd(T obj) {
        return !predicate.onAdd(obj);
      }

      @Override
      public boolean onUpdate(T oldObj, T newObj) {
        return !predicate.onUpdate(oldObj, newObj);
      }

      @Override
      public boolean onDelete(T obj) {
        return !predicate.onDelete(obj);
      }
    };
  }

  private static <T extends KubernetesObject> EventPredicate<T> updatesWhere(
      Function<ObjectMeta, ?> field) {
    return new EventPredicate<>() {
      @Override
      public boolean onUpdate(T oldObj, T newObj) {
        ObjectMeta o = oldObj == null ? null : oldObj.metadata();
        ObjectMeta n = newObj == null ? null : newObj.metadata();
        if (o == null || n == null) {
          return o != n;
        }
        return !Objects.equals(field.apply(o), field.apply(n));
      }
    };
  }
}
