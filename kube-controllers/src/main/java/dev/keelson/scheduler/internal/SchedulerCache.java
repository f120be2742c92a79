package dev.keelson.scheduler.internal;

import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.Snapshot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * kube-scheduler's cache: the nodes and the pods counted on them, bound ones (from the informer)
 * and assumed ones (placed by the scheduler, binding in flight). A pod is assumed at Reserve,
 * forgotten if binding fails, and confirmed when the informer shows it bound (on whichever node it
 * really went to). {@link #updateSnapshot} copies the node infos that changed since the last call
 * into a cycle's snapshot. Thread-safe.
 */
public final class SchedulerCache {
  private record PodState(PodInfo info, String node, boolean assumed) {}

  private final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
  private final Map<String, PodState> pods = new HashMap<>();
  private final Set<String> dirty = new HashSet<>();

  /** Adds or replaces a node. */
  public synchronized void addOrUpdateNode(Node node) {
    String name = node.metadata().name();
    nodes.computeIfAbsent(name, n -> new NodeInfo()).setNode(node);
    dirty.add(name);
  }

  /** Removes a node (its node info stays while pods are counted on it, hidden from snapshots). */
  public synchronized void removeNode(String name) {
    NodeInfo n = nodes.get(name);
    if (n == null) {
      return;
    }
    if (n.pods().isEmpty()) {
      nodes.remove(name);
    } else {
      n.setNode(null);
    }
    dirty.add(name);
  }

  /** Counts {@code pod} on {@code node} before it is bound. */
  public synchronized void assume(PodInfo pod, String node) {
    if (pods.containsKey(pod.key())) {
      throw new IllegalStateException("pod " + pod.key() + " is already in the cache");
    }
    place(pod, node);
    pods.put(pod.key(), new PodState(pod, node, true));
  }

  /** Stops counting an assumed pod (its binding failed). False if it was not assumed. */
  public synchronized boolean forget(String key) {
    PodState s = pods.get(key);
    if (s == null || !s.assumed()) {
      return false;
    }
    pods.remove(key);
    unplace(key, s.node());
    return true;
  }

  /** Whether the pod of {@code key} is assumed (not yet seen bound). */
  public synchronized boolean isAssumed(String key) {
    PodState s = pods.get(key);
    return s != null && s.assumed();
  }

  /** Whether the cache counts the pod of {@code key} anywhere. */
  public synchronized boolean contains(String key) {
    return pods.containsKey(key);
  }

  /** A bound pod appeared or changed (confirms an assumed one). */
  public synchronized void addOrUpdatePod(Pod pod) {
    PodInfo info = PodInfo.of(pod);
    String node = info.nodeName();
    PodState old = pods.get(info.key());
    if (old != null) {
      unplace(info.key(), old.node());
    }
    place(info, node);
    pods.put(info.key(), new PodState(info, node, false));
  }

  /** A bound pod was deleted (or finished). */
  public synchronized void removePod(String key) {
    PodState s = pods.remove(key);
    if (s != null) {
      unplace(key, s.node());
    }
  }

  private void place(PodInfo pod, String node) {
    NodeInfo n = nodes.computeIfAbsent(node, k -> new NodeInfo());
    n.addPod(pod);
    dirty.add(node);
  }

  private void unplace(String key, String node) {
    NodeInfo n = nodes.get(node);
    if (n == null) {
      return;
    }
    n.removePod(key);
    if (n.node() == null && n.pods().isEmpty()) {
      nodes.remove(node);
    }
    dirty.add(node);
  }

  /** Copies the node infos that changed since the last call into {@code snapshot}. */
  public synchronized void updateSnapshot(Snapshot snapshot) {
    if (dirty.isEmpty()) {
      return;
    }
    for (String name : dirty) {
      NodeInfo n = nodes.get(name);
      if (n == null || n.node() == null) {
        snapshot.remove(name);
      } else {
        snapshot.put(n.copy());
      }
    }
    dirty.clear();
  }

  /** How many nodes and pods the cache holds. */
  public synchronized int[] sizes() {
    return new int[] {nodes.size(), pods.size()};
  }

  /** A copy of a node's info (tests). */
  public synchronized NodeInfo nodeInfo(String name) {
    NodeInfo n = nodes.get(name);
    return n == null ? null : n.copy();
  }
}
