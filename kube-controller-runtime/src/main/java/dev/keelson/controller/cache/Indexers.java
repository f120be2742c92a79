package dev.keelson.controller.cache;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Ready-made {@link IndexFunction}s. */
public final class Indexers {
  /** The index every {@link Indexer} has: by {@code metadata.namespace}. */
  public static final String NAMESPACE = "namespace";

  /** Conventional name for {@link #byOwnerUid()}. */
  public static final String OWNER_UID = "ownerUid";

  private Indexers() {}

  /** By the uid of each owner reference (find the Pods of a ReplicaSet by its uid). */
  public static <T extends KubernetesObject> IndexFunction<T> byOwnerUid() {
    return o -> {
      ObjectMeta m = o.metadata();
      if (m == null || m.ownerReferences().isEmpty()) {
        return List.of();
      }
      List<String> uids = new ArrayList<>(m.ownerReferences().size());
      for (OwnerReference r : m.ownerReferences()) {
        if (r.uid() != null) {
          uids.add(r.uid());
        }
      }
      return uids;
    };
  }

  /**
   * By one field; objects where {@code field} answers {@code null} or {@code ""} are not indexed.
   * For example {@code Indexers.byField((Pod p) -> p.spec().nodeName())}.
   */
  public static <T> IndexFunction<T> byField(Function<? super T, String> field) {
    return o -> {
      String v = field.apply(o);
      return v == null || v.isEmpty() ? List.of() : List.of(v);
    };
  }
}
