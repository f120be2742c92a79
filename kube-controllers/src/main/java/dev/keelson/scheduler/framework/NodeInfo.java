package dev.keelson.scheduler.framework;

import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.Taint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node with the pods the scheduler counts on it (bound and assumed) and their summed requests
 * (kube-scheduler's {@code NodeInfo}). Mutable, not thread-safe: the scheduler's cache changes its
 * own copies under its lock, and a cycle reads its snapshot's copies only.
 */
public final class NodeInfo {
  private static final AtomicLong GENERATION = new AtomicLong();

  private Node node;
  private final List<PodInfo> pods;
  private final List<PodInfo> podsWithAffinity;
  private final List<PodInfo> podsWithRequiredAntiAffinity;
  private Resource allocatable;
  private final Resource requested;
  private long nonZeroMilliCpu;
  private long nonZeroMemory;
  private long generation;

  /** An empty node info (no node yet). */
  public NodeInfo() {
    this.pods = new ArrayList<>();
    this.podsWithAffinity = new ArrayList<>();
    this.podsWithRequiredAntiAffinity = new ArrayList<>();
    this.allocatable = new Resource();
    this.requested = new Resource();
    this.generation = GENERATION.incrementAndGet();
  }

  /** A node info for {@code node} with {@code pods} on it. */
  public static NodeInfo of(Node node, PodInfo... pods) {
    NodeInfo n = new NodeInfo();
    n.setNode(node);
    for (PodInfo p : pods) {
      n.addPod(p);
    }
    return n;
  }

  private NodeInfo(NodeInfo o) {
    this.node = o.node;
    this.pods = new ArrayList<>(o.pods);
    this.podsWithAffinity = new ArrayList<>(o.podsWithAffinity);
    this.podsWithRequiredAntiAffinity = new ArrayList<>(o.podsWithRequiredAntiAffinity);
    this.allocatable = o.allocatable;
    this.requested = o.requested.copy();
    this.nonZeroMilliCpu = o.nonZeroMilliCpu;
    this.nonZeroMemory = o.nonZeroMemory;
    this.generation = o.generation;
  }

  /** A copy (the node and pod infos are shared, being immutable). */
  public NodeInfo copy() {
    return new NodeInfo(this);
  }

  /** The node, or {@code null} if pods were assumed onto a node the cache does not know. */
  public Node node() {
    return node;
  }

  /** The node's name ({@code ""} without a node). */
  public String name() {
    return node == null ? "" : node.metadata().name();
  }

  /** The node's labels. */
  public Map<String, String> labels() {
    return node == null ? Map.of() : node.metadata().labels();
  }

  /** The node's taints. */
  public List<Taint> taints() {
    return node == null || node.spec() == null ? List.of() : node.spec().taints();
  }

  /** Sets the node and its allocatable resources. */
  public void setNode(Node node) {
    this.node = node;
    this.allocatable =
        node == null || node.status() == null
            ? new Resource()
            : Resource.of(node.status().allocatable());
    touch();
  }

  /** The pods counted on the node (do not modify). */
  public List<PodInfo> pods() {
    return pods;
  }

  /** The pods on the node with pod affinity or anti-affinity terms. */
  public List<PodInfo> podsWithAffinity() {
    return podsWithAffinity;
  }

  /** The pods on the node with required anti-affinity terms. */
  public List<PodInfo> podsWithRequiredAntiAffinity() {
    return podsWithRequiredAntiAffinity;
  }

  /** The node's allocatable resources (do not modify). */
  public Resource allocatable() {
    return allocatable;
  }

  /** The summed requests of the pods on the node (do not modify). */
  public Resource requested() {
    return requested;
  }

  /** Summed CPU requests with scoring defaults. */
  public long nonZeroMilliCpu() {
    return nonZeroMilliCpu;
  }

  /** Summed memory requests with scoring defaults. */
  public long nonZeroMemory() {
    return nonZeroMemory;
  }

  /** A number that grows with every change (the cache copies changed nodes into snapshots). */
  public long generation() {
    return generation;
  }

  /** Counts a pod on the node. */
  public void addPod(PodInfo p) {
    pods.add(p);
    if (p.hasAffinity()) {
      podsWithAffinity.add(p);
    }
    if (!p.requiredAntiAffinity().isEmpty()) {
      podsWithRequiredAntiAffinity.add(p);
    }
    requested.add(p.requests());
    nonZeroMilliCpu += p.nonZeroMilliCpu();
    nonZeroMemory += p.nonZeroMemory();
    touch();
  }

  /** Stops counting the pod of {@code key}; false if it was not counted. */
  public boolean removePod(String key) {
    for (int i = 0; i < pods.size(); i++) {
      PodInfo p = pods.get(i);
      if (p.key().equals(key)) {
        pods.remove(i);
        podsWithAffinity.remove(p);
        podsWithRequiredAntiAffinity.remove(p);
        requested.subtract(p.requests());
        nonZeroMilliCpu -= p.nonZeroMilliCpu();
        nonZeroMemory -= p.nonZeroMemory();
        touch();
        return true;
      }
    }
    return false;
  }

  private void touch() {
    generation = GENERATION.incrementAndGet();
  }

  @Override
  public String toString() {
    return "NodeInfo[" + name() + ", pods=" + pods.size() + ", requested=" + requested + "]";
  }
}
