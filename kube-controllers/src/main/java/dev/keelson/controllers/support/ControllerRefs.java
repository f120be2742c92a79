package dev.keelson.controllers.support;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.OwnerReference;
import java.util.Objects;

/**
 * Controller references, as Kubernetes' controllers write and read them: an owner reference with
 * {@code controller: true} names the one object that manages another (a ReplicaSet its Pods, a
 * Deployment its ReplicaSets).
 */
public final class ControllerRefs {
  private ControllerRefs() {}

  /**
   * The controller reference that {@code owner} puts on the objects it creates or adopts: {@code
   * controller} and {@code blockOwnerDeletion} both true, as kube-controller-manager writes it.
   */
  public static OwnerReference of(KubernetesObject owner) {
    ObjectMeta m = Objects.requireNonNull(owner.metadata(), "owner.metadata");
    return new OwnerReference(
        owner.apiVersion(), owner.kind(), m.name(), m.uid(), Boolean.TRUE, Boolean.TRUE);
  }

  /** The controller reference of {@code meta}, or {@code null} when nothing controls it. */
  public static OwnerReference controllerOf(ObjectMeta meta) {
    return meta == null ? null : meta.controllerReference();
  }

  /** Whether the object with {@code meta} is controlled by the object with uid {@code ownerUid}. */
  public static boolean isControlledBy(ObjectMeta meta, String ownerUid) {
    OwnerReference ref = controllerOf(meta);
    return ref != null && ownerUid != null && ownerUid.equals(ref.uid());
  }

  /** Whether the object with {@code meta} has no controller, so a matching owner may adopt it. */
  public static boolean isOrphan(ObjectMeta meta) {
    return controllerOf(meta) == null;
  }
}
