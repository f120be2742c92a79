package dev.keelson.controllers.nodelifecycle;

import dev.keelson.api.coordination.v1.Lease;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeCondition;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodCondition;
import dev.keelson.api.core.v1.Taint;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.KubeEventRecorder;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.InformerOptions;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * kube-controller-manager's node lifecycle controller (taint-based eviction mode, as every
 * Kubernetes release since 1.18).
 *
 * <ul>
 *   <li>Each Node is checked every {@code monitorPeriod}. A Node is heard from when its {@code
 *       kube-node-lease/<node>} Lease is renewed or its Ready condition's heartbeat changes (judged
 *       by this controller's clock when it sees the change). After {@code gracePeriod} of silence
 *       ({@code startupGracePeriod} for a Node that never posted Ready) its Ready, MemoryPressure,
 *       DiskPressure and PIDPressure conditions become {@code Unknown}, reason {@code
 *       NodeStatusUnknown}, message "Kubelet stopped posting node status." (missing ones: {@code
 *       NodeStatusNeverUpdated}, "Kubelet never posted node status.").
 *   <li>When Ready stops being True the pods on the Node get Ready=False and the Node a {@code
 *       NodeNotReady} event.
 *   <li>Ready False taints the Node {@code node.kubernetes.io/not-ready:NoExecute}, Unknown {@code
 *       node.kubernetes.io/unreachable:NoExecute} (the other one is swapped out), at most {@code
 *       evictionRate} Nodes per second per zone ({@code topology.kubernetes.io/zone}); Ready True
 *       removes both at once. The pods then go as {@link TaintEvictionController} decides.
 *   <li>{@code NoSchedule} taints follow the conditions without rate limit: not-ready, unreachable,
 *       memory-pressure, disk-pressure, pid-pressure, network-unavailable and unschedulable ({@code
 *       spec.unschedulable}).
 * </ul>
 */
public final class NodeLifecycleController implements AutoCloseable {
  /** Taint key of Nodes whose Ready condition is False. */
  public static final String NOT_READY = "node.kubernetes.io/not-ready";

  /** Taint key of Nodes whose Ready condition is Unknown. */
  public static final String UNREACHABLE = "node.kubernetes.io/unreachable";

  /** Where kubelets keep their heartbeat Leases. */
  public static final String LEASE_NAMESPACE = "kube-node-lease";

  /** Reason of the conditions of a silent Node. */
  public static final String NODE_STATUS_UNKNOWN = "NodeStatusUnknown";

  /** Message of the conditions of a silent Node. */
  public static final String STOPPED_POSTING = "Kubelet stopped posting node status.";

  private static final List<String> MONITORED =
      List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
  private static final Map<String, String> CONDITION_TAINTS =
      Map.of(
          "MemoryPressure", "node.kubernetes.io/memory-pressure",
          "DiskPressure", "node.kubernetes.io/disk-pressure",
          "PIDPressure", "node.kubernetes.io/pid-pressure",
          "NetworkUnavailable", "node.kubernetes.io/network-unavailable");
  private static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
  private static final String ZONE = "topology.kubernetes.io/zone";
  private static final String REGION = "topology.kubernetes.io/region";

  private final KubeClient client;
  private final Clock clock;
  private final NodeLifecycleConfig config;
  private final SharedInformer<Node> nodes;
  private final SharedInformer<Lease> leases;
  private final SharedInformer<Pod> pods;
  private final KubeEventRecorder events;
  private final Controller controller;
  private final Map<String, Health> health = new ConcurrentHashMap<>();
  private final Map<String, ZoneLimiter> zones = new ConcurrentHashMap<>();

  /** What this controller last saw of a Node. */
  private static final class Health {
    Instant probe;
    Instant heartbeat;
    Instant renew;
    boolean podsToMark;
  }

  /** A controller with {@link NodeLifecycleConfig#defaults()}. */
  public NodeLifecycleController(KubeClient client, InformerFactory informers, Clock clock) {
    this(client, informers, clock, NodeLifecycleConfig.defaults());
  }

  /** A controller with these periods and rate. */
  public NodeLifecycleController(
      KubeClient client, InformerFactory informers, Clock clock, NodeLifecycleConfig config) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    this.nodes = informers.informer(Node.class);
    this.leases = informers.informer(Lease.class, InformerOptions.inNamespace(LEASE_NAMESPACE));
    this.pods = Pods.indexByNode(informers.informer(Pod.class));
    this.events = KubeEventRecorder.builder(client, "node-controller").clock(clock).build();
    this.controller =
        Controller.builder("nodelifecycle", this::reconcile)
            .forResource(nodes)
            .watches(
                leases, Mappers.of((Lease l) -> Set.of(Request.clusterScoped(l.metadata().name()))))
            .watches(pods, Mappers.of((Pod p) -> Set.of())) // read from the cache only
            .clock(clock)
            .workers(2)
            .build();
  }

  /** Starts watching and monitoring (the informers start too). */
  public void start() {
    controller.start();
    nodes.start();
    leases.start();
    pods.start();
  }

  /** Whether the informers have synced and the workers run. */
  public boolean hasSynced() {
    return controller.hasSynced();
  }

  /** Stops monitoring (the shared informers stay with their factory). */
  @Override
  public void close() {
    controller.close();
    events.close();
  }

  private Result reconcile(Request r) {
    Node node = nodes.indexer().get("", r.name()).orElse(null);
    if (node == null) {
      health.remove(r.name());
      return Result.done();
    }
    Instant now = clock.instant();
    NodeCondition ready = condition(node, "Ready");
    Lease lease = leases.indexer().get(LEASE_NAMESPACE, r.name()).orElse(null);
    Instant heartbeat = ready == null ? null : ready.lastHeartbeatTime();
    Instant renew =
        lease == null || lease.spec() == null || lease.spec().renewTime() == null
            ? null
            : lease.spec().renewTime().instant();
    Health h = health.computeIfAbsent(r.name(), k -> new Health());
    synchronized (h) {
      if (h.probe == null) {
        h.probe = now;
        h.heartbeat = heartbeat;
        h.renew = renew;
      } else if (!Objects.equals(heartbeat, h.heartbeat)
          || (renew != null && (h.renew == null || renew.isAfter(h.renew)))) {
        h.probe = now;
        h.heartbeat = heartbeat;
        h.renew = renew;
      }
      Duration grace = ready == null ? config.startupGracePeriod() : config.gracePeriod();
      String before = status(ready);
      if (now.isAfter(h.probe.plus(grace))) {
        Node unknown = markUnknown(node, now);
        if (unknown != node) {
          try {
            node = client.resources(Node.class).updateStatus(unknown);
          } catch (ConflictException e) {
            return Result.requeueWithBackoff();
          } catch (NotFoundException e) {
            return Result.done();
          }
        }
      }
      String observed = status(condition(node, "Ready"));
      if ("True".equals(before) && !"True".equals(observed)) {
        // this controller just found the Node silent: its pods cannot be ready any more
        h.podsToMark = true;
        events.normal(node, "NodeNotReady", "Node " + r.name() + " status is now: NodeNotReady");
      }
      if (h.podsToMark && !"True".equals(observed)) {
        h.podsToMark = !markPodsNotReady(r.name(), now);
      } else {
        h.podsToMark = false;
      }
      return taint(node, observed, now);
    }
  }

  /** The Node with its monitored conditions Unknown, or the same Node when they already are. */
  private static Node markUnknown(Node node, Instant now) {
    List<NodeCondition> conditions =
        new ArrayList<>(node.status() == null ? List.of() : node.status().conditions());
    boolean changed = false;
    for (String type : MONITORED) {
      int i = indexOf(conditions, type);
      if (i < 0) {
        conditions.add(
            new NodeCondition(
                type,
                "Unknown",
                node.metadata().creationTimestamp(),
                now,
                "NodeStatusNeverUpdated",
                "Kubelet never posted node status."));
        changed = true;
      } else if (!"Unknown".equals(conditions.get(i).status())) {
        NodeCondition c = conditions.get(i);
        conditions.set(
            i,
            new NodeCondition(
                type, "Unknown", c.lastHeartbeatTime(), now, NODE_STATUS_UNKNOWN, STOPPED_POSTING));
        changed = true;
      }
    }
    if (!changed) {
      return node;
    }
    var status =
        node.status() == null
            ? dev.keelson.api.core.v1.NodeStatusBuilder.builder().conditions(conditions).build()
            : node.status().withConditions(conditions);
    return node.withStatus(status);
  }

  /** Sets Ready=False on the pods of the Node; false if some write failed (retried next pass). */
  private boolean markPodsNotReady(String nodeName, Instant now) {
    boolean ok = true;
    for (Pod pod : pods.indexer().byIndex(Pods.NODE_INDEX, nodeName)) {
      if (pod.status() == null || Pods.isTerminal(pod)) {
        continue;
      }
      List<PodCondition> conditions = new ArrayList<>(pod.status().conditions());
      boolean changed = false;
      for (int i = 0; i < conditions.size(); i++) {
        PodCondition c = conditions.get(i);
        if ("Ready".equals(c.type()) && !"False".equals(c.status())) {
          conditions.set(
              i,
              new PodCondition(
                  c.type(),
                  c.observedGeneration(),
                  "False",
                  c.lastProbeTime(),
                  now,
                  c.reason(),
                  c.message()));
          changed = true;
        }
      }
      if (!changed) {
        continue;
      }
      try {
        client
            .resources(Pod.class)
            .inNamespace(pod.metadata().namespace())
            .updateStatus(pod.withStatus(pod.status().withConditions(conditions)));
        events.warning(pod, "NodeNotReady", "Node is not ready");
      } catch (NotFoundException gone) {
        // fine
      } catch (RuntimeException e) {
        ok = false;
      }
    }
    return ok;
  }

  /** Brings the controller's taints in line with the conditions; rate-limits new NoExecute ones. */
  private Result taint(Node node, String ready, Instant now) {
    List<Taint> current = node.spec() == null ? List.of() : node.spec().taints();
    List<Taint> wanted = new ArrayList<>();
    for (Taint t : current) {
      if (!ownedByUs(t)) {
        wanted.add(t);
      }
    }
    // NoSchedule, not rate-limited
    if ("False".equals(ready)) {
      wanted.add(keep(current, NOT_READY, Taints.NO_SCHEDULE, null));
    } else if ("Unknown".equals(ready)) {
      wanted.add(keep(current, UNREACHABLE, Taints.NO_SCHEDULE, null));
    }
    for (Map.Entry<String, String> e : CONDITION_TAINTS.entrySet()) {
      if ("True".equals(status(condition(node, e.getKey())))) {
        wanted.add(keep(current, e.getValue(), Taints.NO_SCHEDULE, null));
      }
    }
    if (node.spec() != null && Boolean.TRUE.equals(node.spec().unschedulable())) {
      wanted.add(keep(current, UNSCHEDULABLE, Taints.NO_SCHEDULE, null));
    }
    // NoExecute, new ones rate-limited per zone
    Result result = Result.requeueAfter(config.monitorPeriod());
    String noExecute =
        "False".equals(ready) ? NOT_READY : "Unknown".equals(ready) ? UNREACHABLE : null;
    if (noExecute != null) {
      if (Taints.has(current, noExecute, Taints.NO_EXECUTE)) {
        wanted.add(keep(current, noExecute, Taints.NO_EXECUTE, now));
      } else {
        ZoneLimiter limiter =
            zones.computeIfAbsent(zoneOf(node), z -> new ZoneLimiter(config.evictionRate()));
        if (limiter.tryAcquire(now)) {
          wanted.add(new Taint(noExecute, null, Taints.NO_EXECUTE, now));
        } else {
          Duration wait = limiter.untilNext(now);
          // keep the other NoExecute taint until this one can replace it (a swap, as Kubernetes)
          String other = noExecute.equals(NOT_READY) ? UNREACHABLE : NOT_READY;
          if (Taints.has(current, other, Taints.NO_EXECUTE)) {
            wanted.add(keep(current, other, Taints.NO_EXECUTE, now));
          }
          if (wait.compareTo(config.monitorPeriod()) < 0) {
            result = Result.requeueAfter(wait.isZero() ? Duration.ofMillis(1) : wait);
          }
        }
      }
    }
    if (!sameTaints(current, wanted)) {
      try {
        client
            .resources(Node.class)
            .update(
                node.withSpec(
                    node.spec() == null
                        ? dev.keelson.api.core.v1.NodeSpecBuilder.builder().taints(wanted).build()
                        : node.spec().withTaints(wanted)));
      } catch (ConflictException e) {
        return Result.requeueWithBackoff();
      } catch (NotFoundException e) {
        return Result.done();
      }
    }
    return result;
  }

  private static boolean ownedByUs(Taint t) {
    if (Taints.NO_EXECUTE.equals(t.effect())) {
      return NOT_READY.equals(t.key()) || UNREACHABLE.equals(t.key());
    }
    if (!Taints.NO_SCHEDULE.equals(t.effect())) {
      return false;
    }
    return NOT_READY.equals(t.key())
        || UNREACHABLE.equals(t.key())
        || UNSCHEDULABLE.equals(t.key())
        || CONDITION_TAINTS.containsValue(t.key());
  }

  /** The existing taint of this key and effect, else a new one (added at {@code now}). */
  private static Taint keep(List<Taint> current, String key, String effect, Instant now) {
    for (Taint t : current) {
      if (key.equals(t.key()) && effect.equals(t.effect())) {
        return t;
      }
    }
    return new Taint(key, null, effect, now);
  }

  private static boolean sameTaints(List<Taint> a, List<Taint> b) {
    return a.size() == b.size() && a.containsAll(b);
  }

  private static String zoneOf(Node node) {
    String region = node.metadata().label(REGION);
    String zone = node.metadata().label(ZONE);
    return (region == null ? "" : region) + ":" + (zone == null ? "" : zone);
  }

  private static NodeCondition condition(Node node, String type) {
    return node.status() == null ? null : node.status().condition(type);
  }

  private static int indexOf(List<NodeCondition> conditions, String type) {
    for (int i = 0; i < conditions.size(); i++) {
      if (type.equals(conditions.get(i).type())) {
        return i;
      }
    }
    return -1;
  }

  /** The condition's status; null when the Node has no such condition (yet). */
  private static String status(NodeCondition c) {
    return c == null ? null : c.status();
  }
}
