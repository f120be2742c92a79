package dev.keelson.controller.informer;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;
import java.util.List;
import java.util.Objects;

/**
 * Changes each object before it enters an informer's cache and reaches its handlers, to save memory
 * (client-go's {@code TransformFunc}, controller-runtime's {@code cache.Options.DefaultTransform}).
 * A transform runs on the informer's thread for every listed object and every watch event
 * (deletions too, not bookmarks); it must be fast, must not block, and must return an object of the
 * same Java class with the same namespace and name. Objects in the cache are immutable, so a
 * transform returns a changed copy (for example with {@link KubernetesObject#withMetadata}).
 */
@FunctionalInterface
public interface Transform {

  /** The object to cache instead of {@code object}. */
  KubernetesObject apply(KubernetesObject object);

  /** Leaves objects as they are. */
  static Transform identity() {
    return o -> o;
  }

  /**
   * Drops {@code metadata.managedFields} (controller-runtime's {@code
   * TransformStripManagedFields}): server-side-apply bookkeeping that controllers rarely read and
   * that often makes up much of an object's size.
   */
  static Transform stripManagedFields() {
    return StripManagedFields.INSTANCE;
  }

  /** This transform, then {@code next}. */
  default Transform andThen(Transform next) {
    Objects.requireNonNull(next, "next");
    return o -> next.apply(apply(o));
  }

  /** The built-in transform that drops managed fields. */
  enum StripManagedFields implements Transform {
    /** The only instance. */
    INSTANCE;

    @Override
    public KubernetesObject apply(KubernetesObject object) {
      ObjectMeta m = object.metadata();
      if (m == null || m.managedFields().isEmpty()) {
        return object;
      }
      return object.withMetadata(m.withManagedFields(List.of()));
    }
  }
}
