package dev.keelson.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.GroupResource;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * What plugins may read and write of the cluster, given to them when they are created. Reads of
 * single objects go to the store (current); lists come from the API server's watch caches (as
 * kube-apiserver's plugins read their informers: possibly a little behind).
 */
public interface AdmissionContext {
  /** The stored object, or empty. */
  Optional<ObjectNode> get(GroupResource resource, String namespace, String name);

  /**
   * The object as the watch cache holds it (no store read: on etcd a linearizable read waits for
   * the writes in flight), or empty if the cache does not hold it (yet).
   */
  Optional<ObjectNode> cached(GroupResource resource, String namespace, String name);

  /**
   * The object as the watch cache holds it, shared rather than copied (a {@link GenericObject}'s
   * accessors copy only what they return), or empty: for plugins that look at a field or two of an
   * object on every request, where copying the whole object as {@link #cached} does costs more than
   * the look.
   */
  default Optional<GenericObject> cachedObject(
      GroupResource resource, String namespace, String name) {
    return cached(resource, namespace, name).map(GenericObject::wrap);
  }

  /**
   * The objects of a resource in a namespace ({@code null}: all namespaces, or a cluster-scoped
   * resource), from the watch cache.
   */
  List<ObjectNode> list(GroupResource resource, String namespace);

  /**
   * Writes {@code object}'s status if the stored object is still at {@code
   * metadata.resourceVersion}, and returns the stored result.
   *
   * @throws dev.keelson.api.errors.ConflictException if the object changed meanwhile (read it again
   *     and retry)
   */
  ObjectNode updateStatus(GroupResource resource, ObjectNode object);

  /** Whether the server serves this resource. */
  boolean serves(GroupResource resource);

  /** The API server's clock. */
  InstantSource clock();
}
