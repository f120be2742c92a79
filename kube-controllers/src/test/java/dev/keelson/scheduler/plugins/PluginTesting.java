package dev.keelson.scheduler.plugins;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.FilterPlugin;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.PreFilterPlugin;
import dev.keelson.scheduler.framework.PreScorePlugin;
import dev.keelson.scheduler.framework.ScorePlugin;
import dev.keelson.scheduler.framework.Snapshot;
import dev.keelson.scheduler.framework.Status;
import java.util.List;

/** Runs one plugin against a small in-memory snapshot. */
final class PluginTesting {
  private PluginTesting() {}

  /** Filter status of {@code pod} on {@code node} (PreFilter first, if the plugin has one). */
  static Status filter(FilterPlugin plugin, Pod pod, NodeInfo node, NodeInfo... others) {
    List<NodeInfo> all = new java.util.ArrayList<>(List.of(others));
    all.add(0, node);
    CycleState state = new CycleState(Snapshot.of(all));
    PodInfo p = PodInfo.of(pod);
    if (plugin instanceof PreFilterPlugin pre) {
      Status s = pre.preFilter(state, p);
      if (!s.isSuccess()) {
        return s;
      }
    }
    return plugin.filter(state, p, node);
  }

  /** Normalised scores of {@code pod} on each node, in order. */
  static long[] scores(ScorePlugin plugin, Pod pod, NodeInfo... nodes) {
    CycleState state = new CycleState(Snapshot.of(List.of(nodes)));
    PodInfo p = PodInfo.of(pod);
    long[] out = new long[nodes.length];
    if (plugin instanceof PreScorePlugin pre) {
      Status s = pre.preScore(state, p, List.of(nodes));
      if (s.code() == dev.keelson.scheduler.framework.Code.SKIP) {
        return out;
      }
    }
    for (int i = 0; i < nodes.length; i++) {
      out[i] = plugin.score(state, p, nodes[i]);
    }
    plugin.normalize(state, p, List.of(nodes), out);
    return out;
  }

  static PodInfo info(Pod pod) {
    return PodInfo.of(pod);
  }
}
