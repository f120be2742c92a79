package dev.keelson.api.meta;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Metadata every persisted object carries ({@code metav1.ObjectMeta}). Components are in the order
 * Kubernetes writes them. Absent scalars are {@code null}; absent maps and lists are empty.
 *
 * @param resourceVersion the store revision of the object's last change, opaque to clients
 * @param generation a sequence number of changes to the desired state, set by the server
 * @param ownerReferences merged by {@code uid} in strategic merge patches
 * @param finalizers merged as a set in strategic merge patches
 */
@KubeModel
public record ObjectMeta(
    String name,
    String generateName,
    String namespace,
    String selfLink,
    String uid,
    String resourceVersion,
    Long generation,
    Instant creationTimestamp,
    Instant deletionTimestamp,
    Long deletionGracePeriodSeconds,
    Map<String, String> labels,
    Map<String, String> annotations,
    @PatchStrategy(merge = true, key = "uid") List<OwnerReference> ownerReferences,
    @PatchStrategy(merge = true) List<String> finalizers,
    List<ManagedFieldsEntry> managedFields)
    implements ObjectMetaBuilder.With {

  public ObjectMeta {
    labels = Immutable.map(labels);
    annotations = Immutable.map(annotations);
    ownerReferences = Immutable.list(ownerReferences);
    finalizers = Immutable.list(finalizers);
    managedFields = Immutable.list(managedFields);
  }

  /** Metadata with just a name (cluster-scoped objects). */
  public static ObjectMeta named(String name) {
    return ObjectMetaBuilder.builder().name(name).build();
  }

  /** Metadata with a namespace and a name. */
  public static ObjectMeta named(String namespace, String name) {
    return ObjectMetaBuilder.builder().namespace(namespace).name(name).build();
  }

  /** The value of a label, or {@code null}. */
  public String label(String key) {
    return labels.get(key);
  }

  /** The value of an annotation, or {@code null}. */
  public String annotation(String key) {
    return annotations.get(key);
  }

  /** Whether deletion has been requested (the object waits for its finalizers). */
  public boolean isBeingDeleted() {
    return deletionTimestamp != null;
  }

  /** The owner reference marked {@code controller: true}, or {@code null}. */
  public OwnerReference controllerReference() {
    for (OwnerReference ref : ownerReferences) {
      if (Boolean.TRUE.equals(ref.controller())) {
        return ref;
      }
    }
    return null;
  }
}
