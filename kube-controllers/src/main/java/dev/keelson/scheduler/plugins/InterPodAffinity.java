package dev.keelson.scheduler.plugins;

import dev.keelson.scheduler.framework.AffinityTerm;
import dev.keelson.scheduler.framework.ClusterEvent;
import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.FilterPlugin;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.PreFilterPlugin;
import dev.keelson.scheduler.framework.PreScorePlugin;
import dev.keelson.scheduler.framework.ScorePlugin;
import dev.keelson.scheduler.framework.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pod affinity and anti-affinity. The filter enforces the pod's required affinity (every term must
 * find a matching pod in the node's topology domain, unless no pod matches anywhere and the pod
 * matches its own terms), its required anti-affinity, and the required anti-affinity of pods
 * already placed. The score adds the weights of preferred terms (the pod's and, symmetrically, the
 * placed pods'; their required affinity counts with weight 1) per topology domain, normalised to
 * [0, 100].
 */
public final class InterPodAffinity
    implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  /** The plugin's name. */
  public static final String NAME = "InterPodAffinity";

  /** kube-scheduler's reason: a placed pod's anti-affinity forbids the node. */
  public static final String REASON_EXISTING_ANTI =
      "node(s) didn't satisfy existing pods anti-affinity rules";

  /** kube-scheduler's reason: the pod's affinity is not met. */
  public static final String REASON_AFFINITY = "node(s) didn't match pod affinity rules";

  /** kube-scheduler's reason: the pod's anti-affinity forbids the node. */
  public static final String REASON_ANTI = "node(s) didn't match pod anti-affinity rules";

  /** The weight of placed pods' required affinity terms in scoring. */
  static final int HARD_POD_AFFINITY_WEIGHT = 1;

  private static final String FILTER_KEY = NAME + "/filter";
  private static final String SCORE_KEY = NAME + "/score";

  private record FilterState(
      Map<String, Integer> existingAnti,
      Map<String, Integer> affinity,
      Map<String, Integer> anti) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ClusterEvent> events() {
    return List.of(
        new ClusterEvent(ClusterEvent.Kind.ASSIGNED_POD, ClusterEvent.Action.ALL),
        ClusterEvent.NODE_ADD,
        ClusterEvent.NODE_UPDATE);
  }

  private static String pair(String key, String value) {
    return key + "\u0000" + value;
  }

  @Override
  public Status preFilter(CycleState state, PodInfo pod) {
    if (pod.parseError() != null) {
      return Status.unresolvable(pod.parseError());
    }
    Map<String, Integer> existingAnti = new HashMap<>();
    for (NodeInfo n : state.snapshot().havePodsWithRequiredAntiAffinity()) {
      for (PodInfo p : n.podsWithRequiredAntiAffinity()) {
        for (AffinityTerm t : p.requiredAntiAffinity()) {
          String v = n.labels().get(t.topologyKey());
          if (v != null && t.matches(pod.pod())) {
            existingAnti.merge(pair(t.topologyKey(), v), 1, Integer::sum);
          }
        }
      }
    }
    Map<String, Integer> affinity = new HashMap<>();
    Map<String, Integer> anti = new HashMap<>();
    if (!pod.requiredAffinity().isEmpty() || !pod.requiredAntiAffinity().isEmpty()) {
      for (NodeInfo n : state.snapshot().nodes()) {
        for (PodInfo p : n.pods()) {
          count(pod.requiredAffinity(), p, n, affinity);
          count(pod.requiredAntiAffinity(), p, n, anti);
        }
      }
    }
    state.write(FILTER_KEY, new FilterState(existingAnti, affinity, anti));
    return Status.success();
  }

  private static void count(
      List<AffinityTerm> terms, PodInfo p, NodeInfo n, Map<String, Integer> out) {
    for (AffinityTerm t : terms) {
      String v = n.labels().get(t.topologyKey());
      if (v != null && t.matches(p.pod())) {
        out.merge(pair(t.topologyKey(), v), 1, Integer::sum);
      }
    }
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    FilterState s = state.read(FILTER_KEY);
    if (s == null) {
      return Status.success();
    }
    Map<String, String> labels = node.labels();
    if (!s.existingAnti().isEmpty()) {
      for (Map.Entry<String, String> l : labels.entrySet()) {
        if (s.existingAnti().getOrDefault(pair(l.getKey(), l.getValue()), 0) > 0) {
          return Status.unschedulable(REASON_EXISTING_ANTI);
        }
      }
    }
    if (!pod.requiredAffinity().isEmpty()) {
      boolean podsExist = true;
      for (AffinityTerm t : pod.requiredAffinity()) {
        String v = labels.get(t.topologyKey());
        if (v == null) {
          return Status.unresolvable(REASON_AFFINITY);
        }
        if (s.affinity().getOrDefault(pair(t.topologyKey(), v), 0) <= 0) {
          podsExist = false;
          break;
        }
      }
      if (!podsExist) {
        boolean selfMatch = true;
        for (AffinityTerm t : pod.requiredAffinity()) {
          selfMatch &= t.matches(pod.pod());
        }
        if (!(s.affinity().isEmpty() && selfMatch)) {
          return Status.unresolvable(REASON_AFFINITY);
        }
      }
    }
    for (AffinityTerm t : pod.requiredAntiAffinity()) {
      String v = labels.get(t.topologyKey());
      if (v != null && s.anti().getOrDefault(pair(t.topologyKey(), v), 0) > 0) {
        return Status.unschedulable(REASON_ANTI);
      }
    }
    return Status.success();
  }

  @Override
  public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
    boolean own = !pod.preferredAffinity().isEmpty() || !pod.preferredAntiAffinity().isEmpty();
    List<NodeInfo> scan = own ? state.snapshot().nodes() : state.snapshot().havePodsWithAffinity();
    if (scan.isEmpty()) {
      return Status.skip();
    }
    Map<String, Long> scores = new HashMap<>();
    for (NodeInfo n : scan) {
      for (PodInfo p : own ? n.pods() : n.podsWithAffinity()) {
        add(scores, n, pod.preferredAffinity(), p, 1);
        add(scores, n, pod.preferredAntiAffinity(), p, -1);
        add(scores, n, p.requiredAffinity(), pod, HARD_POD_AFFINITY_WEIGHT);
        add(scores, n, p.preferredAffinity(), pod, 1);
        add(scores, n, p.preferredAntiAffinity(), pod, -1);
      }
    }
    if (scores.isEmpty()) {
      return Status.skip();
    }
    state.write(SCORE_KEY, scores);
    return Status.success();
  }

  /** For every term matching {@code target}, adds sign * weight to the node's domain. */
  private static void add(
      Map<String, Long> scores, NodeInfo n, List<AffinityTerm> terms, PodInfo target, int sign) {
    for (AffinityTerm t : terms) {
      String v = n.labels().get(t.topologyKey());
      if (v != null && t.weight() != 0 && t.matches(target.pod())) {
        int w = t.weight();
        scores.merge(pair(t.topologyKey(), v), (long) Integer.signum(sign) * w, Long::sum);
      }
    }
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    Map<String, Long> scores = state.read(SCORE_KEY);
    if (scores == null) {
      return 0;
    }
    long sum = 0;
    for (Map.Entry<String, String> l : node.labels().entrySet()) {
      Long s = scores.get(pair(l.getKey(), l.getValue()));
      if (s != null) {
        sum += s;
      }
    }
    return sum;
  }

  @Override
  public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
    if (state.read(SCORE_KEY) == null || scores.length == 0) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long s : scores) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    long diff = max - min;
    for (int i = 0; i < scores.length; i++) {
      scores[i] = diff > 0 ? MAX_NODE_SCORE * (scores[i] - min) / diff : 0;
    }
  }
}
