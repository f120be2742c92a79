package dev.keelson.scheduler.plugins;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.DeleteOptions;
import dev.keelson.scheduler.framework.Code;
import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.Handle;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.PostFilterPlugin;
import dev.keelson.scheduler.framework.PostFilterResult;
import dev.keelson.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Preemption as kube-scheduler's DefaultPreemption, simplified: on each node the filters rejected
 * as resolvable ({@link Code#UNSCHEDULABLE}), remove every pod of lower priority, check the pod
 * fits, then reprieve victims from the highest priority down while it still fits. The node whose
 * victims have the lowest highest priority, then the lowest priority sum, then the fewest victims
 * wins; its victims are deleted (with a {@code Preempted} event) and the pod is nominated there.
 * When no node qualifies, the message counts nodes as {@code Preemption is not helpful for
 * scheduling} (unresolvable) or {@code No preemption victims found for incoming pod}. A pod whose
 * nominated node still has a terminating lower-priority pod does not preempt again.
 *
 * <p>Not done: PodDisruptionBudgets, the PreFilter extensions that let affinity and spread state
 * see removed victims (filters keep their cycle state), and nominated pods' reservations.
 */
public final class DefaultPreemption implements PostFilterPlugin {
  /** The plugin's name. */
  public static final String NAME = "DefaultPreemption";

  /** kube-scheduler's reason for a node where preemption cannot help. */
  public static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";

  /** kube-scheduler's reason for a node where removing lower-priority pods is not enough. */
  public static final String NO_VICTIMS = "No preemption victims found for incoming pod";

  private final Handle handle;

  /** Preemption for the scheduler behind {@code handle}. */
  public DefaultPreemption(Handle handle) {
    this.handle = handle;
  }

  @Override
  public String name() {
    return NAME;
  }

  private record Candidate(String node, List<PodInfo> victims) {
    int highest() {
      int h = Integer.MIN_VALUE;
      for (PodInfo v : victims) {
        h = Math.max(h, v.priority());
      }
      return h;
    }

    long sum() {
      long s = 0;
      for (PodInfo v : victims) {
        s += v.priority() + (long) Integer.MAX_VALUE + 1;
      }
      return s;
    }
  }

  @Override
  public PostFilterResult postFilter(CycleState state, PodInfo pod, Map<String, Status> statuses) {
    if ("Never".equals(pod.pod().spec().preemptionPolicy())) {
      return new PostFilterResult(
          Status.unschedulable("not eligible due to preemptionPolicy=Never."), null);
    }
    String nominated = pod.pod().status() == null ? null : pod.pod().status().nominatedNodeName();
    NodeInfo nominatedNode = nominated == null ? null : state.snapshot().get(nominated);
    if (nominatedNode != null) {
      for (PodInfo p : nominatedNode.pods()) {
        if (p.isTerminating() && p.priority() < pod.priority()) {
          return new PostFilterResult(
              Status.unschedulable("not eligible due to a terminating pod on the nominated node."),
              null);
        }
      }
    }
    int all = state.snapshot().size();
    int notHelpful = all;
    int noVictims = 0;
    List<Candidate> candidates = new ArrayList<>();
    for (Map.Entry<String, Status> e : statuses.entrySet()) {
      if (e.getValue().code() != Code.UNSCHEDULABLE) {
        continue;
      }
      notHelpful--;
      NodeInfo node = state.snapshot().get(e.getKey());
      Candidate c = node == null ? null : victims(state, pod, node);
      if (c == null) {
        noVictims++;
      } else {
        candidates.add(c);
      }
    }
    if (candidates.isEmpty()) {
      Map<String, Integer> reasons = new TreeMap<>();
      if (notHelpful > 0) {
        reasons.put(notHelpful + " " + NOT_HELPFUL, 0);
      }
      if (noVictims > 0) {
        reasons.put(noVictims + " " + NO_VICTIMS, 0);
      }
      String msg =
          "preemption: 0/"
              + all
              + " nodes are available: "
              + String.join(", ", reasons.keySet())
              + ".";
      return new PostFilterResult(Status.unschedulable(msg), null);
    }
    candidates.sort(
        Comparator.comparingInt(Candidate::highest)
            .thenComparingLong(Candidate::sum)
            .thenComparingInt(c -> c.victims().size()));
    Candidate best = candidates.get(0);
    for (PodInfo v : best.victims()) {
      Pod victim = v.pod();
      try {
        handle
            .client()
            .resources(Pod.class)
            .inNamespace(victim.metadata().namespace())
            .delete(victim.metadata().name(), (DeleteOptions) null);
      } catch (NotFoundException gone) {
        // already deleted
      }
      handle
          .events()
          .normal(victim, "Preempted", "Preempted by pod " + pod.uid() + " on node " + best.node());
    }
    return new PostFilterResult(Status.success(), best.node());
  }

  /** The victims that make {@code pod} fit on {@code node}, or null. */
  private Candidate victims(CycleState state, PodInfo pod, NodeInfo node) {
    NodeInfo sim = node.copy();
    List<PodInfo> lower = new ArrayList<>();
    for (PodInfo p : node.pods()) {
      if (p.priority() < pod.priority()) {
        lower.add(p);
      }
    }
    if (lower.isEmpty()) {
      return null;
    }
    for (PodInfo p : lower) {
      sim.removePod(p.key());
    }
    if (!handle.runFilters(state, pod, sim).isSuccess()) {
      return null;
    }
    lower.sort(Comparator.comparingInt(PodInfo::priority).reversed());
    List<PodInfo> victims = new ArrayList<>();
    for (PodInfo p : lower) {
      sim.addPod(p);
      if (!handle.runFilters(state, pod, sim).isSuccess()) {
        sim.removePod(p.key());
        victims.add(p);
      }
    }
    return victims.isEmpty() ? null : new Candidate(node.name(), victims);
  }
}
