package dev.keelson.controllers.gc;

import dev.keelson.api.meta.OwnerReference;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One object in the dependency graph: its identity, its owner references and the nodes that name it
 * as owner. A <em>virtual</em> node stands for an owner that dependents name but no informer has
 * shown (yet, or ever). Guarded by the graph's lock.
 */
final class Node {
  ObjectIdentity identity;
  List<OwnerReference> owners;
  final Set<Node> dependents = new LinkedHashSet<>();
  boolean virtual;
  boolean beingDeleted;
  boolean deletingDependents;

  Node(ObjectIdentity identity, List<OwnerReference> owners, boolean virtual) {
    this.identity = identity;
    this.owners = owners;
    this.virtual = virtual;
  }

  /** The reference of this node to the owner with {@code uid}, or null. */
  OwnerReference ownerRef(String uid) {
    for (OwnerReference r : owners) {
      if (uid.equals(r.uid())) {
        return r;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return (virtual ? "virtual " : "") + identity;
  }
}
