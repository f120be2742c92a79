package dev.keelson.controllers.gc;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.OwnerReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner/dependent graph, keyed by uid, fed by the informers (kube-controller-manager's {@code
 * GraphBuilder}). It decides nothing itself: it queues uids for the collector to look at when
 * something may have become collectable (an owner vanished, a dependent of a foreground owner went,
 * an owner began foreground or orphan deletion, a reference names an owner nobody has seen).
 */
final class DependencyGraph {
  private static final Logger log = LoggerFactory.getLogger(DependencyGraph.class);

  static final String FOREGROUND = "foregroundDeletion";
  static final String ORPHAN = "orphan";

  private final Map<String, Node> nodes = new HashMap<>();
  private final Consumer<String> attemptToDelete;
  private final Consumer<String> attemptToOrphan;
  private final AbsentOwnerCache absent;
  private final BiConsumer<ObjectIdentity, String> invalidReferences;

  DependencyGraph(
      Consumer<String> attemptToDelete,
      Consumer<String> attemptToOrphan,
      AbsentOwnerCache absent,
      BiConsumer<ObjectIdentity, String> invalidReferences) {
    this.attemptToDelete = attemptToDelete;
    this.attemptToOrphan = attemptToOrphan;
    this.absent = absent;
    this.invalidReferences = invalidReferences;
  }

  static ObjectIdentity identityOf(KubernetesObject o) {
    ObjectMeta m = o.metadata();
    return new ObjectIdentity(o.apiVersion(), o.kind(), m.namespace(), m.name(), m.uid());
  }

  /** An object was added or changed. */
  synchronized void observe(KubernetesObject obj) {
    ObjectMeta m = obj.metadata();
    if (m == null || m.uid() == null || m.uid().isEmpty()) {
      return;
    }
    ObjectIdentity id = identityOf(obj);
    List<OwnerReference> owners = List.copyOf(m.ownerReferences());
    Node n = nodes.get(id.uid());
    if (n == null) {
      n = new Node(id, owners, false);
      nodes.put(id.uid(), n);
      link(n, owners);
    } else if (n.virtual) {
      // an owner that dependents named is now observed: check they named it where it lives
      n.virtual = false;
      n.identity = id;
      n.owners = owners;
      link(n, owners);
      for (Node d : n.dependents) {
        if (!coordinatesMatch(d, n)) {
          reportInvalidNamespace(d, n);
          attemptToDelete.accept(d.identity.uid());
        }
      }
    } else {
      update(n, id, owners);
    }
    n.beingDeleted = m.deletionTimestamp() != null;
    boolean wasDeletingDependents = n.deletingDependents;
    n.deletingDependents = n.beingDeleted && m.finalizers().contains(FOREGROUND);
    if (n.deletingDependents) {
      if (!wasDeletingDependents) {
        for (Node d : n.dependents) {
          attemptToDelete.accept(d.identity.uid());
        }
      }
      attemptToDelete.accept(id.uid());
    }
    if (n.beingDeleted && m.finalizers().contains(ORPHAN)) {
      attemptToOrphan.accept(id.uid());
    }
  }

  private void update(Node n, ObjectIdentity id, List<OwnerReference> owners) {
    n.identity = id;
    List<OwnerReference> added = new ArrayList<>();
    for (OwnerReference r : owners) {
      OwnerReference before = n.ownerRef(r.uid());
      if (before == null) {
        added.add(r);
      } else if (blocks(before) && !blocks(r)) {
        Node owner = nodes.get(r.uid());
        if (owner != null && owner.deletingDependents) {
          attemptToDelete.accept(owner.identity.uid()); // one blocker less
        }
      }
    }
    for (OwnerReference before : n.owners) {
      boolean kept = owners.stream().anyMatch(r -> Objects.equals(r.uid(), before.uid()));
      if (!kept) {
        unlinkFrom(n, before.uid());
      }
    }
    n.owners = owners;
    link(n, added);
  }

  /** An object was deleted (observed by an informer). */
  synchronized void observeDeleted(KubernetesObject obj) {
    ObjectMeta m = obj.metadata();
    if (m == null || m.uid() == null) {
      return;
    }
    Node n = nodes.get(m.uid());
    if (n != null && !n.virtual) {
      remove(n);
    }
  }

  /**
   * A live read found the object of this node absent (or another incarnation): take it out and look
   * at its dependents.
   */
  synchronized void verifiedAbsent(String uid) {
    Node n = nodes.get(uid);
    if (n != null) {
      remove(n);
    }
  }

  private void remove(Node n) {
    nodes.remove(n.identity.uid());
    for (OwnerReference r : n.owners) {
      unlinkFrom(n, r.uid());
    }
    if (!n.dependents.isEmpty()) {
      absent.add(n.identity.namespace(), n.identity.uid());
    }
    for (Node d : n.dependents) {
      attemptToDelete.accept(d.identity.uid());
    }
  }

  private void link(Node n, List<OwnerReference> refs) {
    for (OwnerReference r : refs) {
      if (r.uid() == null || r.uid().isEmpty()) {
        continue;
      }
      Node owner = nodes.get(r.uid());
      if (owner == null) {
        owner =
            new Node(
                new ObjectIdentity(
                    r.apiVersion(), r.kind(), n.identity.namespace(), r.name(), r.uid()),
                List.of(),
                true);
        nodes.put(r.uid(), owner);
        attemptToDelete.accept(r.uid()); // is it there at all?
      } else if (!owner.virtual && !coordinatesMatch(n, owner)) {
        reportInvalidNamespace(n, owner);
        attemptToDelete.accept(n.identity.uid());
      }
      owner.dependents.add(n);
      if (owner.deletingDependents) {
        attemptToDelete.accept(n.identity.uid());
      }
    }
  }

  private void unlinkFrom(Node n, String ownerUid) {
    Node owner = nodes.get(ownerUid);
    if (owner == null) {
      return;
    }
    owner.dependents.remove(n);
    if (owner.virtual && owner.dependents.isEmpty()) {
      nodes.remove(ownerUid);
    } else if (owner.deletingDependents) {
      attemptToDelete.accept(ownerUid); // one dependent less to wait for
    }
  }

  /**
   * Whether the owner lives where the dependent's reference points: a namespaced owner in the
   * dependent's namespace, or a cluster-scoped owner.
   */
  private static boolean coordinatesMatch(Node dependent, Node owner) {
    String ns = owner.identity.namespace();
    return ns.isEmpty() || ns.equals(dependent.identity.namespace());
  }

  /**
   * Reports a reference whose owner lives elsewhere, as kube-controller-manager does: a Warning
   * event {@code OwnerRefInvalidNamespace} about the dependent.
   */
  private void reportInvalidNamespace(Node dependent, Node owner) {
    OwnerReference ref = dependent.ownerRef(owner.identity.uid());
    ObjectIdentity wrong =
        ref == null
            ? owner.identity
            : new ObjectIdentity(
                ref.apiVersion(),
                ref.kind(),
                dependent.identity.namespace(),
                ref.name(),
                ref.uid());
    String message =
        "ownerRef "
            + wrong
            + " does not exist in namespace \""
            + dependent.identity.namespace()
            + "\"";
    log.warn("OwnerRefInvalidNamespace: {} (dependent {})", message, dependent.identity);
    invalidReferences.accept(dependent.identity, message);
  }

  static boolean blocks(OwnerReference r) {
    return Boolean.TRUE.equals(r.blockOwnerDeletion());
  }

  // ---- snapshots for the collector ---------------------------------------------------------

  /** A copy of a node's state, safe to read outside the lock. */
  record View(
      ObjectIdentity identity,
      boolean virtual,
      boolean beingDeleted,
      boolean deletingDependents,
      List<Dependent> dependents) {}

  /**
   * A dependent of a node and its reference to that node.
   *
   * @param identity the dependent
   * @param ref its reference to the node
   * @param beingDeleted whether the dependent has a deletionTimestamp
   * @param deletingDependents whether it is in foreground deletion itself
   */
  record Dependent(
      ObjectIdentity identity,
      OwnerReference ref,
      boolean beingDeleted,
      boolean deletingDependents) {}

  synchronized View view(String uid) {
    Node n = nodes.get(uid);
    if (n == null) {
      return null;
    }
    List<Dependent> deps = new ArrayList<>(n.dependents.size());
    for (Node d : n.dependents) {
      OwnerReference ref = d.ownerRef(uid);
      if (ref != null) {
        deps.add(new Dependent(d.identity, ref, d.beingDeleted, d.deletingDependents));
      }
    }
    return new View(n.identity, n.virtual, n.beingDeleted, n.deletingDependents, deps);
  }

  /** Whether a virtual node is still virtual (the informer may have observed it meanwhile). */
  synchronized void dropIfVirtual(String uid) {
    Node n = nodes.get(uid);
    if (n != null && n.virtual) {
      remove(n);
    }
  }

  synchronized int size() {
    return nodes.size();
  }
}
