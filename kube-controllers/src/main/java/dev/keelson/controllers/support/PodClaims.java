package dev.keelson.controllers.support;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.api.selector.Selector;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.informer.SharedInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Kubernetes' {@code PodControllerRefManager.ClaimPods}: an owner's pods are those it controls that
 * match its selector; orphans that match are adopted (a controller reference added) unless the
 * owner is being deleted, and controlled pods that no longer match are released (the reference
 * removed).
 */
public final class PodClaims {
  private PodClaims() {}

  /** The pods {@code owner} controls after adopting and releasing, from the informer's cache. */
  public static List<Pod> claim(
      KubeClient client, SharedInformer<Pod> pods, KubernetesObject owner, Selector selector) {
    ObjectMeta om = owner.metadata();
    String uid = om.uid();
    Resources<Pod> api = client.resources(Pod.class).inNamespace(om.namespace());
    List<Pod> out = new ArrayList<>();
    for (Pod p : SharedIndexes.controlledBy(pods, uid)) {
      if (selector.matches(p.metadata().labels())) {
        out.add(p);
      } else if (!Pods.isTerminating(p)) {
        edit(api, p, m -> m.withOwnerReferences(without(m.ownerReferences(), uid)));
      }
    }
    if (om.deletionTimestamp() != null) {
      return out;
    }
    for (Pod p : pods.indexer().list(om.namespace(), selector)) {
      ObjectMeta m = p.metadata();
      if (!ControllerRefs.isOrphan(m) || Pods.isTerminating(p)) {
        continue;
      }
      Pod adopted =
          edit(
              api,
              p,
              meta -> {
                if (!ControllerRefs.isOrphan(meta)) {
                  return null; // someone else adopted it meanwhile
                }
                List<OwnerReference> refs = new ArrayList<>(without(meta.ownerReferences(), uid));
                refs.add(ControllerRefs.of(owner));
                return meta.withOwnerReferences(refs);
              });
      if (adopted != null) {
        out.add(adopted);
      }
    }
    return out;
  }

  private static List<OwnerReference> without(List<OwnerReference> refs, String uid) {
    List<OwnerReference> out = new ArrayList<>();
    for (OwnerReference r : refs) {
      if (!uid.equals(r.uid())) {
        out.add(r);
      }
    }
    return out;
  }

  /** Applies {@code change} to the live pod (same uid), retrying conflicts; null if not done. */
  private static Pod edit(Resources<Pod> api, Pod pod, UnaryOperator<ObjectMeta> change) {
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        Pod fresh = api.get(pod.metadata().name());
        if (!fresh.metadata().uid().equals(pod.metadata().uid())) {
          return null;
        }
        ObjectMeta next = change.apply(fresh.metadata());
        if (next == null) {
          return null;
        }
        return api.update(fresh.withMetadata(next));
      } catch (NotFoundException e) {
        return null;
      } catch (ConflictException e) {
        // retry with the newer version
      }
    }
    return null;
  }
}
