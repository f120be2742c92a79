package dev.keelson.controller.reconcile;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;
import java.util.Objects;

/**
 * What to reconcile: the key of one object. A request carries no object state on purpose: the
 * reconciler reads the current state (from a lister or the API), so a burst of events for one
 * object collapses into one reconciliation of its latest state.
 *
 * @param namespace the object's namespace; empty for cluster-scoped objects, never null
 * @param name the object's name
 */
public record Request(String namespace, String name) {
  public Request {
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name");
  }

  /** A request for a namespaced object. */
  public static Request of(String namespace, String name) {
    return new Request(namespace, name);
  }

  /** A request for a cluster-scoped object. */
  public static Request clusterScoped(String name) {
    return new Request("", name);
  }

  /** The request for {@code object}. */
  public static Request of(KubernetesObject object) {
    ObjectMeta m = Objects.requireNonNull(object.metadata(), "metadata");
    return new Request(m.namespace(), m.name());
  }

  /** Whether the object is cluster-scoped (its namespace is empty). */
  public boolean isClusterScoped() {
    return namespace.isEmpty();
  }

  /** {@code namespace/name}, or {@code name} for cluster-scoped objects, as client-go's keys. */
  @Override
  public String toString() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
