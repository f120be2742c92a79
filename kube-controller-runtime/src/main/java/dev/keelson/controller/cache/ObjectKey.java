package dev.keelson.controller.cache;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;
import java.util.Objects;

/**
 * The key of an object in a cache: its namespace ({@code ""} for cluster-scoped objects) and name.
 * {@link #toString()} gives client-go's {@code namespace/name} form ({@code name} alone without a
 * namespace).
 */
public record ObjectKey(String namespace, String name) {
  public ObjectKey {
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name");
  }

  /** The key of an object. */
  public static ObjectKey of(KubernetesObject object) {
    ObjectMeta m = Objects.requireNonNull(object.metadata(), "object has no metadata");
    return new ObjectKey(m.namespace(), m.name());
  }

  /** Parses {@code namespace/name} or {@code name}. */
  public static ObjectKey parse(String key) {
    int slash = key.indexOf('/');
    return slash < 0
        ? new ObjectKey("", key)
        : new ObjectKey(key.substring(0, slash), key.substring(slash + 1));
  }

  @Override
  public String toString() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
