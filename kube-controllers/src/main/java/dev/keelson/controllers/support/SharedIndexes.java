package dev.keelson.controllers.support;

import dev.keelson.api.KubernetesObject;
import dev.keelson.controller.cache.Indexers;
import dev.keelson.controller.informer.SharedInformer;
import java.util.List;

/**
 * Indexes that several controllers put on one shared informer: the first adds it, the others reuse
 * it (an informer refuses a second index of one name).
 */
public final class SharedIndexes {
  private SharedIndexes() {}

  /** Makes sure {@code informer} has the {@link Indexers#OWNER_UID} index. */
  public static <T extends KubernetesObject> SharedInformer<T> byOwnerUid(
      SharedInformer<T> informer) {
    synchronized (informer) {
      try {
        informer.addIndex(Indexers.OWNER_UID, Indexers.byOwnerUid());
      } catch (IllegalArgumentException alreadyThere) {
        // another controller added it
      }
    }
    return informer;
  }

  /** The objects of {@code informer} controlled by the object with uid {@code ownerUid}. */
  public static <T extends KubernetesObject> List<T> controlledBy(
      SharedInformer<T> informer, String ownerUid) {
    return informer.indexer().byIndex(Indexers.OWNER_UID, ownerUid).stream()
        .filter(o -> ControllerRefs.isControlledBy(o.metadata(), ownerUid))
        .toList();
  }
}
