package dev.keelson.controllers.nodelifecycle;

import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodCondition;
import dev.keelson.api.core.v1.Taint;
import dev.keelson.api.core.v1.Toleration;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.KubeEventRecorder;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.reconcile.Mappers;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.Pods;
import dev.keelson.controllers.support.Taints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes' taint eviction controller (the former taint manager): deletes the pods of a Node with
 * {@code NoExecute} taints.
 *
 * <ul>
 *   <li>A pod that does not tolerate every NoExecute taint of its Node is deleted at once.
 *   <li>A pod that tolerates them all is deleted after the smallest {@code tolerationSeconds} of
 *       the tolerations used (zero or less: at once), counted from when this controller first saw
 *       the pod under the taints; tolerations without {@code tolerationSeconds} keep it forever.
 *   <li>The taints going away (the Node recovered) cancels the pending eviction.
 *   <li>Before deleting, the pod gets the condition {@code DisruptionTarget=True} (reason {@code
 *       DeletionByTaintManager}) and an event {@code TaintManagerEviction}.
 * </ul>
 *
 * <p>The API server adds 300 s tolerations of not-ready and unreachable to every pod that has none
 * (the DefaultTolerationSeconds admission plugin), so by default pods leave a failed Node after
 * five minutes.
 */
public final class TaintEvictionController implements AutoCloseable {
  /** Condition type set on pods before they are evicted. */
  public static final String DISRUPTION_TARGET = "DisruptionTarget";

  private final KubeClient client;
  private final Clock clock;
  private final SharedInformer<Pod> pods;
  private final SharedInformer<Node> nodes;
  private final KubeEventRecorder events;
  private final Controller controller;

  /** When a pod was first seen tolerating its node's NoExecute taints for a while. */
  private record Scheduled(String uid, Instant since) {}

  private final Map<Request, Scheduled> scheduled = new ConcurrentHashMap<>();

  /** An eviction controller on {@code informers}. */
  public TaintEvictionController(KubeClient client, InformerFactory informers, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pods = Pods.indexByNode(informers.informer(Pod.class));
    this.nodes = informers.informer(Node.class);
    this.events =
        KubeEventRecorder.builder(client, "taint-eviction-controller").clock(clock).build();
    this.controller =
        Controller.builder("taint-eviction", this::reconcile)
            .forResource(pods)
            .watches(nodes, Mappers.of(this::podsOn))
            .clock(clock)
            .workers(4)
            .build();
  }

  /** Starts watching and evicting (the informers start too). */
  public void start() {
    controller.start();
    pods.start();
    nodes.start();
  }

  /** Whether the informers have synced and the workers run. */
  public boolean hasSynced() {
    return controller.hasSynced();
  }

  /** Stops evicting (the shared informers stay with their factory). */
  @Override
  public void close() {
    controller.close();
    events.close();
  }

  private Set<Request> podsOn(Node node) {
    Set<Request> out = new HashSet<>();
    for (Pod p : pods.indexer().byIndex(Pods.NODE_INDEX, node.metadata().name())) {
      out.add(Request.of(p));
    }
    return out;
  }

  Result reconcile(Request r) { // (package-private for tests)
    Pod pod = pods.indexer().get(r.namespace(), r.name()).orElse(null);
    if (pod == null || Pods.isTerminating(pod) || pod.spec() == null) {
      scheduled.remove(r);
      return Result.done();
    }
    String nodeName = pod.spec().nodeName();
    Node node =
        nodeName == null || nodeName.isEmpty()
            ? null
            : nodes.indexer().get("", nodeName).orElse(null);
    List<Taint> noExecute = new ArrayList<>();
    if (node != null && node.spec() != null) {
      for (Taint t : node.spec().taints()) {
        if (Taints.NO_EXECUTE.equals(t.effect())) {
          noExecute.add(t);
        }
      }
    }
    if (noExecute.isEmpty()) {
      scheduled.remove(r);
      return Result.done();
    }
    Instant now = clock.instant();
    Long minSeconds = null; // null: tolerated forever
    for (Taint taint : noExecute) {
      List<Toleration> used = Taints.tolerating(pod.spec().tolerations(), taint);
      if (used.isEmpty()) {
        return evict(r, pod);
      }
      for (Toleration t : used) {
        if (t.tolerationSeconds() != null) {
          long s = Math.max(0, t.tolerationSeconds());
          minSeconds = minSeconds == null ? s : Math.min(minSeconds, s);
        }
      }
    }
    if (minSeconds == null) {
      scheduled.remove(r);
      return Result.done();
    }
    // Counted from when this pod (by uid: one made again under the name starts afresh) was first
    // seen tolerating the taints, as kube-controller-manager's taint eviction counts.
    Scheduled first =
        scheduled.compute(
            r,
            (k, s) ->
                s != null && s.uid().equals(pod.metadata().uid())
                    ? s
                    : new Scheduled(pod.metadata().uid(), now));
    Instant due = first.since().plusSeconds(minSeconds);
    if (!now.isBefore(due)) {
      return evict(r, pod);
    }
    return Result.requeueAfter(Duration.between(now, due));
  }

  private Result evict(Request r, Pod pod) {
    var api = client.resources(Pod.class).inNamespace(r.namespace());
    events.normal(pod, "TaintManagerEviction", "Marking for deletion Pod " + r);
    try {
      if (pod.status() != null && pod.status().condition(DISRUPTION_TARGET) == null) {
        List<PodCondition> conditions = new ArrayList<>(pod.status().conditions());
        conditions.add(
            new PodCondition(
                DISRUPTION_TARGET,
                null,
                "True",
                null,
                clock.instant(),
                "DeletionByTaintManager",
                "Taint manager: deleting due to NoExecute taint"));
        api.updateStatus(pod.withStatus(pod.status().withConditions(conditions)));
      }
      api.delete(r.name(), null);
    } catch (NotFoundException gone) {
      // fine
    }
    scheduled.remove(r);
    return Result.done();
  }
}
