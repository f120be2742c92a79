package dev.keelson.scheduler.framework;

import dev.keelson.api.core.v1.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster as one scheduling cycle sees it: node infos in a stable order, by name, and the nodes
 * that hold pods with (anti-)affinity. Read-only for plugins; the scheduler's cache updates it
 * between cycles (only the nodes that changed).
 */
public final class Snapshot {
  private final List<NodeInfo> nodes = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private List<NodeInfo> withAffinity = List.of();
  private List<NodeInfo> withRequiredAntiAffinity = List.of();
  private boolean affinityListsStale = true;

  /** An empty snapshot. */
  public Snapshot() {}

  /** A snapshot of these node infos (tests, simulations). */
  public static Snapshot of(List<NodeInfo> infos) {
    Snapshot s = new Snapshot();
    for (NodeInfo n : infos) {
      s.put(n);
    }
    return s;
  }

  /** A snapshot of bare nodes without pods. */
  public static Snapshot ofNodes(List<Node> nodes) {
    Snapshot s = new Snapshot();
    for (Node n : nodes) {
      s.put(NodeInfo.of(n));
    }
    return s;
  }

  /** All node infos (do not modify). */
  public List<NodeInfo> nodes() {
    return nodes;
  }

  /** The node info of {@code name}, or {@code null}. */
  public NodeInfo get(String name) {
    Integer i = index.get(name);
    return i == null ? null : nodes.get(i);
  }

  /** How many nodes. */
  public int size() {
    return nodes.size();
  }

  /** The node infos holding pods with pod affinity or anti-affinity terms. */
  public List<NodeInfo> havePodsWithAffinity() {
    refreshAffinityLists();
    return withAffinity;
  }

  /** The node infos holding pods with required anti-affinity terms. */
  public List<NodeInfo> havePodsWithRequiredAntiAffinity() {
    refreshAffinityLists();
    return withRequiredAntiAffinity;
  }

  /** Adds or replaces the node info of its node's name. */
  public void put(NodeInfo info) {
    String name = info.name();
    Integer i = index.get(name);
    if (i == null) {
      index.put(name, nodes.size());
      nodes.add(info);
    } else {
      NodeInfo old = nodes.set(i, info);
      if (old.podsWithAffinity().isEmpty() && info.podsWithAffinity().isEmpty()) {
        return;
      }
    }
    affinityListsStale = true;
  }

  /** Removes a node. */
  public void remove(String name) {
    Integer i = index.remove(name);
    if (i == null) {
      return;
    }
    nodes.remove((int) i);
    for (int j = i; j < nodes.size(); j++) {
      index.put(nodes.get(j).name(), j);
    }
    affinityListsStale = true;
  }

  private synchronized void refreshAffinityLists() {
    if (!affinityListsStale) {
      return;
    }
    List<NodeInfo> a = new ArrayList<>();
    List<NodeInfo> r = new ArrayList<>();
    for (NodeInfo n : nodes) {
      if (!n.podsWithAffinity().isEmpty()) {
        a.add(n);
      }
      if (!n.podsWithRequiredAntiAffinity().isEmpty()) {
        r.add(n);
      }
    }
    withAffinity = a;
    withRequiredAntiAffinity = r;
    affinityListsStale = false;
  }
}
