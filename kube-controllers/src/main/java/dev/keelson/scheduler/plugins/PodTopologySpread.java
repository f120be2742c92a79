package dev.keelson.scheduler.plugins;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.TopologySpreadConstraint;
import dev.keelson.api.selector.Requirement;
import dev.keelson.api.selector.Selector;
import dev.keelson.scheduler.framework.ClusterEvent;
import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.FilterPlugin;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.PreFilterPlugin;
import dev.keelson.scheduler.framework.PreScorePlugin;
import dev.keelson.scheduler.framework.ScorePlugin;
import dev.keelson.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spreads pods over topology domains by their {@code topologySpreadConstraints}: {@code
 * DoNotSchedule} constraints filter (the skew {@code matching pods in the node's domain + self -
 * the minimum over eligible domains} must not exceed {@code maxSkew}; {@code minDomains} makes the
 * minimum 0 while fewer domains exist); {@code ScheduleAnyway} constraints score (fewer matching
 * pods in the node's domain is better). Eligible nodes are those matching the pod's node affinity
 * and selector ({@code nodeAffinityPolicy: Honor}, the default) and, with {@code nodeTaintsPolicy:
 * Honor}, tolerated taints. kube-scheduler's system default constraints (for pods without any) are
 * not applied.
 */
public final class PodTopologySpread
    implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  /** The plugin's name. */
  public static final String NAME = "PodTopologySpread";

  /** kube-scheduler's reason for a too large skew. */
  public static final String REASON = "node(s) didn't match pod topology spread constraints";

  /** kube-scheduler's reason for a node without the topology label. */
  public static final String REASON_LABEL = REASON + " (missing required label)";

  private static final String FILTER_KEY = NAME + "/filter";
  private static final String SCORE_KEY = NAME + "/score";

  private record Constraint(
      int maxSkew,
      String key,
      Selector selector,
      int minDomains,
      boolean honorAffinity,
      boolean honorTaints) {}

  private record FilterState(
      List<Constraint> constraints, List<Map<String, Integer>> counts, int[] minMatch) {}

  private record ScoreState(
      List<Constraint> constraints, List<Map<String, Integer>> counts, double[] weights) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ClusterEvent> events() {
    return List.of(
        new ClusterEvent(ClusterEvent.Kind.ASSIGNED_POD, ClusterEvent.Action.ALL),
        new ClusterEvent(ClusterEvent.Kind.NODE, ClusterEvent.Action.ALL));
  }

  @Override
  public Status preFilter(CycleState state, PodInfo pod) {
    List<Constraint> hard;
    try {
      hard = constraints(pod.pod(), "DoNotSchedule");
    } catch (IllegalArgumentException e) {
      return Status.unresolvable("invalid topology spread constraint: " + e.getMessage());
    }
    if (hard.isEmpty()) {
      return Status.success();
    }
    List<Map<String, Integer>> counts = count(state, pod, hard);
    int[] min = new int[hard.size()];
    for (int i = 0; i < hard.size(); i++) {
      Map<String, Integer> c = counts.get(i);
      int m = Integer.MAX_VALUE;
      for (int v : c.values()) {
        m = Math.min(m, v);
      }
      if (c.isEmpty() || c.size() < hard.get(i).minDomains()) {
        m = 0;
      }
      min[i] = m;
    }
    state.write(FILTER_KEY, new FilterState(hard, counts, min));
    return Status.success();
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    FilterState s = state.read(FILTER_KEY);
    if (s == null) {
      return Status.success();
    }
    Map<String, String> labels = node.labels();
    for (int i = 0; i < s.constraints().size(); i++) {
      Constraint c = s.constraints().get(i);
      String value = labels.get(c.key());
      if (value == null) {
        return Status.unresolvable(REASON_LABEL);
      }
      int self = c.selector().matches(pod.pod().metadata().labels()) ? 1 : 0;
      int skew = s.counts().get(i).getOrDefault(value, 0) + self - s.minMatch()[i];
      if (skew > c.maxSkew()) {
        return Status.unschedulable(REASON);
      }
    }
    return Status.success();
  }

  @Override
  public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
    List<Constraint> soft;
    try {
      soft = constraints(pod.pod(), "ScheduleAnyway");
    } catch (IllegalArgumentException e) {
      return Status.skip();
    }
    if (soft.isEmpty()) {
      return Status.skip();
    }
    List<Map<String, Integer>> counts = count(state, pod, soft);
    double[] weights = new double[soft.size()];
    for (int i = 0; i < soft.size(); i++) {
      Set<String> domains = new HashSet<>();
      for (NodeInfo n : nodes) {
        String v = n.labels().get(soft.get(i).key());
        if (v != null) {
          domains.add(v);
        }
      }
      weights[i] = Math.log(domains.size() + 2);
    }
    state.write(SCORE_KEY, new ScoreState(soft, counts, weights));
    return Status.success();
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    ScoreState s = state.read(SCORE_KEY);
    if (s == null) {
      return 0;
    }
    double score = 0;
    for (int i = 0; i < s.constraints().size(); i++) {
      Constraint c = s.constraints().get(i);
      String value = node.labels().get(c.key());
      if (value == null) {
        return -1; // ignored node: normalised to 0
      }
      score += s.counts().get(i).getOrDefault(value, 0) * s.weights()[i] + (c.maxSkew() - 1);
    }
    return Math.round(score);
  }

  @Override
  public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
    if (state.read(SCORE_KEY) == null) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long s : scores) {
      if (s >= 0) {
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
    }
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] < 0) {
        scores[i] = 0;
      } else if (max == 0) {
        scores[i] = MAX_NODE_SCORE;
      } else {
        scores[i] = MAX_NODE_SCORE * (max + min - scores[i]) / max;
      }
    }
  }

  /** Per constraint: matching pods per topology value over the eligible nodes. */
  private static List<Map<String, Integer>> count(
      CycleState state, PodInfo pod, List<Constraint> constraints) {
    List<Map<String, Integer>> counts = new ArrayList<>();
    for (int i = 0; i < constraints.size(); i++) {
      counts.add(new HashMap<>());
    }
    String ns = pod.pod().metadata().namespace();
    for (NodeInfo n : state.snapshot().nodes()) {
      if (n.node() == null) {
        continue;
      }
      Map<String, String> labels = n.labels();
      boolean hasAll = true;
      for (Constraint c : constraints) {
        if (!labels.containsKey(c.key())) {
          hasAll = false;
          break;
        }
      }
      if (!hasAll) {
        continue;
      }
      for (int i = 0; i < constraints.size(); i++) {
        Constraint c = constraints.get(i);
        if (c.honorAffinity() && !NodeSelectors.podMatchesNode(pod.pod(), n.node())) {
          continue;
        }
        if (c.honorTaints() && !tolerated(pod, n)) {
          continue;
        }
        int matching = 0;
        for (PodInfo p : n.pods()) {
          if (!p.isTerminating()
              && ns.equals(p.pod().metadata().namespace())
              && c.selector().matches(p.pod().metadata().labels())) {
            matching++;
          }
        }
        counts.get(i).merge(labels.get(c.key()), matching, Integer::sum);
      }
    }
    return counts;
  }

  private static boolean tolerated(PodInfo pod, NodeInfo n) {
    for (var t : n.taints()) {
      if (("NoSchedule".equals(t.effect()) || "NoExecute".equals(t.effect()))
          && !Tolerations.anyTolerates(pod.pod().spec().tolerations(), t)) {
        return false;
      }
    }
    return true;
  }

  private static List<Constraint> constraints(Pod pod, String when) {
    if (pod.spec() == null) {
      return List.of();
    }
    List<Constraint> out = new ArrayList<>();
    for (TopologySpreadConstraint t : pod.spec().topologySpreadConstraints()) {
      String w = t.whenUnsatisfiable() == null ? "DoNotSchedule" : t.whenUnsatisfiable();
      if (!w.equals(when)) {
        continue;
      }
      Selector sel = Selector.fromLabelSelector(t.labelSelector());
      Map<String, String> labels = pod.metadata().labels();
      for (String k : t.matchLabelKeys()) {
        if (labels.containsKey(k)) {
          sel = sel.add(Requirement.in(k, labels.get(k)));
        }
      }
      out.add(
          new Constraint(
              t.maxSkew() == null ? 1 : t.maxSkew(),
              t.topologyKey() == null ? "" : t.topologyKey(),
              sel,
              t.minDomains() == null ? 1 : t.minDomains(),
              !"Ignore".equals(t.nodeAffinityPolicy()),
              "Honor".equals(t.nodeTaintsPolicy())));
    }
    return out;
  }
}
