package dev.keelson.scheduler.plugins;

import dev.keelson.api.core.v1.Taint;
import dev.keelson.api.core.v1.Toleration;
import dev.keelson.scheduler.framework.ClusterEvent;
import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.FilterPlugin;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.ScorePlugin;
import dev.keelson.scheduler.framework.Status;
import java.util.List;

/**
 * Filters out nodes with a {@code NoSchedule} or {@code NoExecute} taint the pod does not tolerate
 * ({@code node(s) had untolerated taint {key: value}}, the first such taint); scores nodes by how
 * few {@code PreferNoSchedule} taints the pod does not tolerate.
 */
public final class TaintToleration implements FilterPlugin, ScorePlugin {
  /** The plugin's name. */
  public static final String NAME = "TaintToleration";

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
    List<Toleration> tolerations = tolerations(pod);
    for (Taint t : node.taints()) {
      if (!"NoSchedule".equals(t.effect()) && !"NoExecute".equals(t.effect())) {
        continue;
      }
      if (!Tolerations.anyTolerates(tolerations, t)) {
        return Status.unresolvable(
            "node(s) had untolerated taint {"
                + t.key()
                + ": "
                + (t.value() == null ? "" : t.value())
                + "}");
      }
    }
    return Status.success();
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    List<Toleration> tolerations = tolerations(pod);
    long count = 0;
    for (Taint t : node.taints()) {
      if (!"PreferNoSchedule".equals(t.effect())) {
        continue;
      }
      boolean tolerated = false;
      for (Toleration tol : tolerations) {
        String e = tol.effect();
        if ((e == null || e.isEmpty() || e.equals("PreferNoSchedule"))
            && Tolerations.tolerates(tol, t)) {
          tolerated = true;
          break;
        }
      }
      if (!tolerated) {
        count++;
      }
    }
    return count;
  }

  @Override
  public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
    ScorePlugin.defaultNormalize(MAX_NODE_SCORE, true, scores);
  }

  private static List<Toleration> tolerations(PodInfo pod) {
    return pod.pod().spec() == null ? List.of() : pod.pod().spec().tolerations();
  }
}
