package dev.keelson.controller.reconcile;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.OwnerReference;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** Common {@link RequestMapper}s. */
public final class Mappers {
  private Mappers() {}

  /** The object itself (the primary resource a controller reconciles). */
  public static <T extends KubernetesObject> RequestMapper<T> toSelf() {
    return o -> o.metadata() == null ? Set.of() : Set.of(Request.of(o));
  }

  /**
   * The object's controller: its owner reference with {@code controller: true} whose kind is {@code
   * kind} in API group {@code group} ("" for the core group; the version does not matter), in the
   * object's namespace. Objects without such an owner map to nothing. Use for the resources a
   * controller creates and owns (a ReplicaSet's Pods).
   */
  public static <T extends KubernetesObject> RequestMapper<T> toOwner(String group, String kind) {
    return toOwner(group, kind, false);
  }

  /** As {@link #toOwner(String, String)} for a cluster-scoped owner kind (no namespace). */
  public static <T extends KubernetesObject> RequestMapper<T> toClusterScopedOwner(
      String group, String kind) {
    return toOwner(group, kind, true);
  }

  /** Whatever {@code f} returns (an empty set, or null, for none). */
  public static <T> RequestMapper<T> of(Function<? super T, Set<Request>> f) {
    Objects.requireNonNull(f, "f");
    return o -> {
      Set<Request> r = f.apply(o);
      return r == null ? Set.of() : r;
    };
  }

  private static <T extends KubernetesObject> RequestMapper<T> toOwner(
      String group, String kind, boolean clusterScoped) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(kind, "kind");
    return o -> {
      ObjectMeta m = o.metadata();
      OwnerReference ref = m == null ? null : m.controllerReference();
      if (ref == null || !kind.equals(ref.kind()) || !group.equals(groupOf(ref.apiVersion()))) {
        return Set.of();
      }
      return Set.of(new Request(clusterScoped ? "" : m.namespace(), ref.name()));
    };
  }

  private static String groupOf(String apiVersion) {
    if (apiVersion == null) {
      return "";
    }
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
