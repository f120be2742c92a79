package dev.keelson.controllers.support;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.api.selector.Selector;
import dev.keelson.client.PatchType;
import dev.keelson.client.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Claims the objects an owner controls, as Kubernetes' {@code ControllerRefManager}: objects it
 * controls and whose labels still match its selector are kept; controlled objects that stopped
 * matching are released (their controller reference removed); matching orphans are adopted (a
 * controller reference added), unless the owner or the orphan is being deleted. Objects that
 * another controller owns are left alone. Adoption and release are strategic merge patches of
 * {@code metadata.ownerReferences} (keyed by uid), as kube-controller-manager sends them.
 *
 * @param <T> the kind of the owned objects
 */
public final class ControllerRefManager<T extends KubernetesObject> {
  private final KubernetesObject owner;
  private final Selector selector;
  private final Resources<T> resources;
  private final BooleanSupplier canAdopt;
  private Boolean adoptable;

  /**
   * A manager for {@code owner}'s objects.
   *
   * @param resources the owned kind, in the owner's namespace (to patch references)
   * @param canAdopt asked once, before the first adoption: whether the owner (read fresh from the
   *     API, not a cache) still exists with the same uid and is not being deleted
   */
  public ControllerRefManager(
      KubernetesObject owner, Selector selector, Resources<T> resources, BooleanSupplier canAdopt) {
    this.owner = owner;
    this.selector = selector;
    this.resources = resources;
    this.canAdopt = canAdopt;
  }

  /**
   * The objects of {@code candidates} that the owner controls after adopting and releasing. Objects
   * that vanish while being patched are left out.
   */
  public List<T> claim(List<T> candidates) {
    List<T> claimed = new ArrayList<>();
    String ownerUid = owner.metadata().uid();
    boolean ownerDeleting = owner.metadata().deletionTimestamp() != null;
    for (T obj : candidates) {
      ObjectMeta m = obj.metadata();
      boolean matches = selector.matches(m.labels());
      OwnerReference ref = ControllerRefs.controllerOf(m);
      if (ref != null) {
        if (!ownerUid.equals(ref.uid())) {
          continue; // another controller's
        }
        if (matches) {
          claimed.add(obj);
        } else if (!ownerDeleting) {
          release(obj);
        } else {
          claimed.add(obj); // an owner being deleted does not release
        }
        continue;
      }
      if (!matches || ownerDeleting || m.deletionTimestamp() != null) {
        continue;
      }
      if (adoptable == null) {
        adoptable = canAdopt.getAsBoolean();
      }
      if (!adoptable) {
        continue;
      }
      T adopted = adopt(obj);
      if (adopted != null) {
        claimed.add(adopted);
      }
    }
    return claimed;
  }

  private T adopt(T obj) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    ObjectNode meta = patch.putObject("metadata");
    meta.putArray("ownerReferences").add(KubeJson.toTree(ControllerRefs.of(owner)));
    meta.put("uid", obj.metadata().uid());
    try {
      return resources.patch(obj.metadata().name(), PatchType.STRATEGIC_MERGE, patch);
    } catch (NotFoundException e) {
      return null; // gone meanwhile
    }
  }

  private void release(T obj) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    ObjectNode meta = patch.putObject("metadata");
    ArrayNode refs = meta.putArray("ownerReferences");
    refs.addObject().put("$patch", "delete").put("uid", owner.metadata().uid());
    meta.put("uid", obj.metadata().uid());
    try {
      resources.patch(obj.metadata().name(), PatchType.STRATEGIC_MERGE, patch);
    } catch (NotFoundException | InvalidException e) {
      // gone, or being deleted: nothing to release (as Kubernetes ignores both)
    }
  }
}
