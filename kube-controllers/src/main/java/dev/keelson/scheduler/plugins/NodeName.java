package dev.keelson.scheduler.plugins;

import dev.keelson.scheduler.framework.ClusterEvent;
import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.FilterPlugin;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.Status;
import java.util.List;

/** Rejects nodes other than the one the pod's {@code spec.nodeName} names. */
public final class NodeName implements FilterPlugin {
  /** The plugin's name. */
  public static final String NAME = "NodeName";

  /** kube-scheduler's reason. */
  public static final String REASON = "node(s) didn't match the requested node name";

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
    String wanted = pod.nodeName();
    if (wanted.isEmpty() || wanted.equals(node.name())) {
      return Status.success();
    }
    return Status.unresolvable(REASON);
  }
}
