package dev.keelson.scheduler.plugins;

import dev.keelson.api.core.v1.Taint;
import dev.keelson.scheduler.framework.ClusterEvent;
import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.FilterPlugin;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.Status;
import java.util.List;

/**
 * Rejects nodes with {@code spec.unschedulable} unless the pod tolerates the {@code
 * node.kubernetes.io/unschedulable:NoSchedule} taint.
 */
public final class NodeUnschedulable implements FilterPlugin {
  /** The plugin's name. */
  public static final String NAME = "NodeUnschedulable";

  /** kube-scheduler's reason. */
  public static final String REASON = "node(s) were unschedulable";

  private static final Taint UNSCHEDULABLE =
      new Taint("node.kubernetes.io/unschedulable", null, "NoSchedule", null);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ClusterEvent> events() {
    return List.of(ClusterEvent.NODE_ADD, ClusterEvent.NODE_UPDATE);
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    if (node.node() == null
        || node.node().spec() == null
        || !Boolean.TRUE.equals(node.node().spec().unschedulable())) {
      return Status.success();
    }
    if (pod.pod().spec() != null
        && Tolerations.anyTolerates(pod.pod().spec().tolerations(), UNSCHEDULABLE)) {
      return Status.success();
    }
    return Status.unresolvable(REASON);
  }
}
