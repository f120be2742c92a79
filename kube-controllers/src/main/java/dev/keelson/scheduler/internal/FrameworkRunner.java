package dev.keelson.scheduler.internal;

import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.EventRecorder;
import dev.keelson.controller.time.Clock;
import dev.keelson.scheduler.framework.BindPlugin;
import dev.keelson.scheduler.framework.ClusterEvent;
import dev.keelson.scheduler.framework.Code;
import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.FilterPlugin;
import dev.keelson.scheduler.framework.FitError;
import dev.keelson.scheduler.framework.Handle;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PermitPlugin;
import dev.keelson.scheduler.framework.Plugin;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.PostFilterPlugin;
import dev.keelson.scheduler.framework.PostFilterResult;
import dev.keelson.scheduler.framework.PreBindPlugin;
import dev.keelson.scheduler.framework.PreFilterPlugin;
import dev.keelson.scheduler.framework.PreScorePlugin;
import dev.keelson.scheduler.framework.Profile;
import dev.keelson.scheduler.framework.ReservePlugin;
import dev.keelson.scheduler.framework.ScorePlugin;
import dev.keelson.scheduler.framework.Snapshot;
import dev.keelson.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a {@link Profile}'s plugins at each extension point, as kube-scheduler's framework runtime
 * and {@code schedulePod}: PreFilter, Filter over the nodes in parallel from a rotating start index
 * until {@code numFeasibleNodesToFind} fit, PostFilter, PreScore/Score/normalize/weights, host
 * selection (ties broken at random), Reserve/Unreserve, Permit, PreBind, Bind.
 */
public final class FrameworkRunner implements Handle {
  /** Clusters smaller than this are always searched fully. */
  static final int MIN_FEASIBLE_NODES_TO_FIND = 100;

  /** The lowest adaptive percentage of nodes to score. */
  static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

  private final KubeClient client;
  private final EventRecorder events;
  private final Clock clock;
  private final Parallelizer parallelizer;
  private final int percentageOfNodesToScore;
  private final Profile profile;
  private final List<PreFilterPlugin> preFilters = new ArrayList<>();
  private final List<FilterPlugin> filters = new ArrayList<>();
  private final List<PostFilterPlugin> postFilters = new ArrayList<>();
  private final List<PreScorePlugin> preScores = new ArrayList<>();
  private final List<ScorePlugin> scores = new ArrayList<>();
  private final List<ReservePlugin> reserves = new ArrayList<>();
  private final List<PermitPlugin> permits = new ArrayList<>();
  private final List<PreBindPlugin> preBinds = new ArrayList<>();
  private final List<BindPlugin> binds = new ArrayList<>();
  private final Map<String, List<ClusterEvent>> pluginEvents = new HashMap<>();
  private int nextStartNodeIndex;

  /** The outcome of scheduling one pod: a node, or why none. */
  public record Result(
      String node,
      int evaluatedNodes,
      int feasibleNodes,
      FitError fitError,
      String nominatedNode) {}

  /** A runner whose profile is built with this runner as the plugins' handle. */
  public FrameworkRunner(
      KubeClient client,
      EventRecorder events,
      Clock clock,
      Parallelizer parallelizer,
      int percentageOfNodesToScore,
      Function<Handle, Profile> profileFactory) {
    this.client = client;
    this.events = events;
    this.clock = clock;
    this.parallelizer = parallelizer;
    this.percentageOfNodesToScore = percentageOfNodesToScore;
    this.profile = profileFactory.apply(this);
    for (Plugin p : profile.plugins()) {
      pluginEvents.put(p.name(), p.events());
      if (p instanceof PreFilterPlugin x) {
        preFilters.add(x);
      }
      if (p instanceof FilterPlugin x) {
        filters.add(x);
      }
      if (p instanceof PostFilterPlugin x) {
        postFilters.add(x);
      }
      if (p instanceof PreScorePlugin x) {
        preScores.add(x);
      }
      if (p instanceof ScorePlugin x) {
        scores.add(x);
      }
      if (p instanceof ReservePlugin x) {
        reserves.add(x);
      }
      if (p instanceof PermitPlugin x) {
        permits.add(x);
      }
      if (p instanceof PreBindPlugin x) {
        preBinds.add(x);
      }
      if (p instanceof BindPlugin x) {
        binds.add(x);
      }
    }
  }

  @Override
  public KubeClient client() {
    return client;
  }

  @Override
  public EventRecorder events() {
    return events;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /** The profile. */
  public Profile profile() {
    return profile;
  }

  /** The events each plugin registered, by plugin name. */
  public Map<String, List<ClusterEvent>> pluginEvents() {
    return pluginEvents;
  }

  /** kube-scheduler's {@code numFeasibleNodesToFind}. */
  public static int numFeasibleNodesToFind(int percentage, int numAllNodes) {
    if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentage >= 100) {
      return numAllNodes;
    }
    int adaptive = percentage;
    if (adaptive <= 0) {
      adaptive = 50 - numAllNodes / 125;
      if (adaptive < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) {
        adaptive = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
      }
    }
    int num = (int) ((long) numAllNodes * adaptive / 100);
    return Math.max(num, MIN_FEASIBLE_NODES_TO_FIND);
  }

  /** Picks a node for the pod, or returns the fit error (after running PostFilter). */
  public Result schedule(CycleState state, PodInfo pod) {
    Snapshot snapshot = state.snapshot();
    int all = snapshot.size();
    if (all == 0) {
      return new Result(null, 0, 0, new FitError(0, Map.of(), "", ""), null);
    }
    for (PreFilterPlugin p : preFilters) {
      Status s = call(() -> p.preFilter(state, pod), p);
      if (s.code() == Code.ERROR) {
        throw new IllegalStateException(p.name() + ": " + s.message());
      }
      if (s.isRejected()) {
        Map<String, Status> statuses = new HashMap<>();
        for (NodeInfo n : snapshot.nodes()) {
          statuses.put(n.name(), s.withPlugin(p.name()));
        }
        return new Result(null, 0, 0, new FitError(all, statuses, s.message(), ""), null);
      }
    }
    List<NodeInfo> nodes = snapshot.nodes();
    int toFind = numFeasibleNodesToFind(percentageOfNodesToScore, all);
    NodeInfo[] feasible = new NodeInfo[toFind];
    AtomicInteger found = new AtomicInteger();
    Map<String, Status> statuses = new ConcurrentHashMap<>();
    int start = nextStartNodeIndex % all;
    parallelizer.until(
        all,
        i -> {
          NodeInfo n = nodes.get((start + i) % all);
          Status s = runFilters(state, pod, n);
          if (s.isSuccess()) {
            int k = found.incrementAndGet();
            if (k > toFind) {
              found.decrementAndGet();
            } else {
              feasible[k - 1] = n;
            }
          } else {
            if (s.code() == Code.ERROR) {
              throw new IllegalStateException(s.plugin() + ": " + s.message());
            }
            statuses.put(n.name(), s);
          }
        },
        () -> found.get() >= toFind);
    int count = found.get();
    int processed = count + statuses.size();
    nextStartNodeIndex = (start + processed) % all;
    if (count == 0) {
      FitError fit = new FitError(all, Map.copyOf(statuses), "", "");
      for (PostFilterPlugin p : postFilters) {
        PostFilterResult r;
        try {
          r = p.postFilter(state, pod, fit.statuses());
        } catch (RuntimeException e) {
          r = new PostFilterResult(Status.error(String.valueOf(e.getMessage())), null);
        }
        if (r.status().isSuccess()) {
          return new Result(null, processed, 0, fit, r.nominatedNode());
        }
        fit = fit.withPostFilterMessage(r.status().message());
      }
      return new Result(null, processed, 0, fit, null);
    }
    List<NodeInfo> feasibleList = List.of(java.util.Arrays.copyOf(feasible, count));
    if (count == 1) {
      return new Result(feasibleList.get(0).name(), processed, 1, null, null);
    }
    long[] total = prioritize(state, pod, feasibleList);
    return new Result(feasibleList.get(select(total)).name(), processed, count, null, null);
  }

  private long[] prioritize(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
    java.util.Set<String> skipped = new java.util.HashSet<>();
    for (PreScorePlugin p : preScores) {
      Status s = call(() -> p.preScore(state, pod, nodes), p);
      if (s.code() == Code.SKIP) {
        skipped.add(p.name());
      } else if (!s.isSuccess()) {
        throw new IllegalStateException(p.name() + ": " + s.message());
      }
    }
    int n = nodes.size();
    long[] total = new long[n];
    List<ScorePlugin> active = new ArrayList<>();
    for (ScorePlugin p : scores) {
      if (!skipped.contains(p.name())) {
        active.add(p);
      }
    }
    if (active.isEmpty()) {
      return total;
    }
    long[][] perPlugin = new long[active.size()][n];
    parallelizer.until(
        n,
        i -> {
          for (int k = 0; k < active.size(); k++) {
            perPlugin[k][i] = active.get(k).score(state, pod, nodes.get(i));
          }
        },
        () -> false);
    for (int k = 0; k < active.size(); k++) {
      ScorePlugin p = active.get(k);
      p.normalize(state, pod, nodes, perPlugin[k]);
      int w = profile.weight(p.name());
      for (int i = 0; i < n; i++) {
        total[i] += perPlugin[k][i] * w;
      }
    }
    return total;
  }

  private static int select(long[] total) {
    int best = 0;
    int ties = 1;
    for (int i = 1; i < total.length; i++) {
      if (total[i] > total[best]) {
        best = i;
        ties = 1;
      } else if (total[i] == total[best]) {
        ties++;
        if (ThreadLocalRandom.current().nextInt(ties) == 0) {
          best = i;
        }
      }
    }
    return best;
  }

  @Override
  public Status runFilters(CycleState state, PodInfo pod, NodeInfo node) {
    for (FilterPlugin f : filters) {
      Status s;
      try {
        s = f.filter(state, pod, node);
      } catch (RuntimeException e) {
        s = Status.error(String.valueOf(e));
      }
      if (!s.isSuccess()) {
        return s.withPlugin(f.name());
      }
    }
    return Status.success();
  }

  /** Runs Reserve; on failure unreserves everything and returns the failure. */
  public Status reserve(CycleState state, PodInfo pod, String node) {
    for (ReservePlugin p : reserves) {
      Status s = call(() -> p.reserve(state, pod, node), p);
      if (!s.isSuccess()) {
        unreserve(state, pod, node);
        return s;
      }
    }
    return Status.success();
  }

  /** Runs Unreserve in reverse order. */
  public void unreserve(CycleState state, PodInfo pod, String node) {
    for (int i = reserves.size() - 1; i >= 0; i--) {
      try {
        reserves.get(i).unreserve(state, pod, node);
      } catch (RuntimeException e) {
        // Unreserve must not fail; carry on with the others
      }
    }
  }

  /** Runs Permit (a wait counts as a rejection). */
  public Status permit(CycleState state, PodInfo pod, String node) {
    for (PermitPlugin p : permits) {
      Status s = call(() -> p.permit(state, pod, node), p);
      if (!s.isSuccess()) {
        return s.code() == Code.WAIT
            ? Status.unschedulable("waiting on permit is not supported").withPlugin(p.name())
            : s;
      }
    }
    return Status.success();
  }

  /** Runs PreBind. */
  public Status preBind(CycleState state, PodInfo pod, String node) {
    for (PreBindPlugin p : preBinds) {
      Status s = call(() -> p.preBind(state, pod, node), p);
      if (!s.isSuccess()) {
        return s;
      }
    }
    return Status.success();
  }

  /**
   * Runs the binders until one does not skip. API errors propagate as exceptions.
   *
   * @throws RuntimeException whatever the binder threw (an ApiException for API failures)
   */
  public Status bind(CycleState state, PodInfo pod, String node) {
    for (BindPlugin p : binds) {
      Status s = p.bind(state, pod, node);
      if (s.code() != Code.SKIP) {
        return s.withPlugin(p.name());
      }
    }
    return Status.error("no bind plugin bound the pod");
  }

  private static Status call(java.util.function.Supplier<Status> fn, Plugin p) {
    try {
      Status s = fn.get();
      return (s == null ? Status.success() : s).withPlugin(p.name());
    } catch (RuntimeException e) {
      return Status.error(String.valueOf(e)).withPlugin(p.name());
    }
  }
}
