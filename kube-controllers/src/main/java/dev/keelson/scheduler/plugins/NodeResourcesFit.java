package dev.keelson.scheduler.plugins;

import dev.keelson.scheduler.framework.ClusterEvent;
import dev.keelson.scheduler.framework.Code;
import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.FilterPlugin;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.Resource;
import dev.keelson.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rejects nodes without room for the pod's requests: pods count ({@code Too many pods}), then
 * {@code Insufficient cpu}, {@code memory}, {@code ephemeral-storage} and each scalar resource, all
 * reasons at once. A request larger than the node's whole allocatable is unresolvable (preemption
 * cannot help), as in kube-scheduler.
 */
public final class NodeResourcesFit implements FilterPlugin {
  /** The plugin's name. */
  public static final String NAME = "NodeResourcesFit";

  /** kube-scheduler's reason for a full node. */
  public static final String TOO_MANY_PODS = "Too many pods";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ClusterEvent> events() {
    return List.of(
        ClusterEvent.NODE_ADD,
        ClusterEvent.NODE_UPDATE,
        ClusterEvent.ASSIGNED_POD_DELETE,
        ClusterEvent.ASSIGNED_POD_UPDATE);
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    List<String> reasons = new ArrayList<>(2);
    boolean unresolvable = false;
    Resource alloc = node.allocatable();
    Resource used = node.requested();
    if (node.pods().size() + 1 > alloc.allowedPods) {
      reasons.add(TOO_MANY_PODS);
    }
    Resource req = pod.requests();
    if (req.isZero()) {
      return reasons.isEmpty() ? Status.success() : Status.unschedulable(TOO_MANY_PODS);
    }
    if (req.milliCpu > 0 && req.milliCpu > alloc.milliCpu - used.milliCpu) {
      reasons.add("Insufficient cpu");
      unresolvable |= req.milliCpu > alloc.milliCpu;
    }
    if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
      reasons.add("Insufficient memory");
      unresolvable |= req.memory > alloc.memory;
    }
    if (req.ephemeralStorage > 0
        && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
      reasons.add("Insufficient ephemeral-storage");
      unresolvable |= req.ephemeralStorage > alloc.ephemeralStorage;
    }
    for (Map.Entry<String, Long> e : req.scalars.entrySet()) {
      long want = e.getValue();
      if (want > 0 && want > alloc.scalar(e.getKey()) - used.scalar(e.getKey())) {
        reasons.add("Insufficient " + e.getKey());
        unresolvable |= want > alloc.scalar(e.getKey());
      }
    }
    if (reasons.isEmpty()) {
      return Status.success();
    }
    return new Status(
        unresolvable ? Code.UNSCHEDULABLE_AND_UNRESOLVABLE : Code.UNSCHEDULABLE, reasons, NAME);
  }
}
