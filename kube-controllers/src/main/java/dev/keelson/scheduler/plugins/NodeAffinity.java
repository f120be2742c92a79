package dev.keelson.scheduler.plugins;

import dev.keelson.api.core.v1.PreferredSchedulingTerm;
import dev.keelson.scheduler.framework.ClusterEvent;
import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.FilterPlugin;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.ScorePlugin;
import dev.keelson.scheduler.framework.Status;
import java.util.List;

/**
 * Filters on the pod's {@code nodeSelector} and required node affinity; scores the sum of the
 * weights of the preferred terms a node matches, normalised to [0, 100].
 */
public final class NodeAffinity implements FilterPlugin, ScorePlugin {
  /** The plugin's name. */
  public static final String NAME = "NodeAffinity";

  /** kube-scheduler's reason. */
  public static final String REASON = "node(s) didn't match Pod's node affinity/selector";

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
    if (node.node() == null || !NodeSelectors.podMatchesNode(pod.pod(), node.node())) {
      return Status.unresolvable(REASON);
    }
    return Status.success();
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    var spec = pod.pod().spec();
    if (spec == null || spec.affinity() == null || spec.affinity().nodeAffinity() == null) {
      return 0;
    }
    long sum = 0;
    for (PreferredSchedulingTerm t :
        spec.affinity().nodeAffinity().preferredDuringSchedulingIgnoredDuringExecution()) {
      if (t.weight() != null
          && t.weight() != 0
          && t.preference() != null
          && NodeSelectors.matches(t.preference(), node.node())) {
        sum += t.weight();
      }
    }
    return sum;
  }

  @Override
  public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
    ScorePlugin.defaultNormalize(MAX_NODE_SCORE, false, scores);
  }
}
