package dev.keelson.controllers.daemonset;

import dev.keelson.api.apps.v1.ControllerRevision;
import dev.keelson.api.apps.v1.DaemonSet;
import dev.keelson.api.apps.v1.DaemonSetSpec;
import dev.keelson.api.apps.v1.DaemonSetStatus;
import dev.keelson.api.apps.v1.DaemonSetStatusBuilder;
import dev.keelson.api.apps.v1.RollingUpdateDaemonSet;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.DeleteOptionsBuilder;
import dev.keelson.api.meta.Preconditions;
import dev.keelson.api.selector.Selector;
import dev.keelson.api.values.IntOrString;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.EventRecorder;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Reconciler;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.ControllerRevisions;
import dev.keelson.controllers.support.NodeAffinities;
import dev.keelson.controllers.support.PendingPods;
import dev.keelson.controllers.support.PodClaims;
import dev.keelson.controllers.support.Pods;
import dev.keelson.controllers.support.SharedIndexes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One pass of the DaemonSet controller over one set (Kubernetes' {@code syncDaemonSet}). */
final class DaemonSetReconciler implements Reconciler {
  private final KubeClient client;
  private final EventRecorder events;
  private final SharedInformer<DaemonSet> sets;
  private final SharedInformer<Pod> pods;
  private final SharedInformer<Node> nodes;
  private final SharedInformer<ControllerRevision> revisions;
  private final Clock clock;
  private final PendingPods pending;

  DaemonSetReconciler(
      KubeClient client,
      EventRecorder events,
      SharedInformer<DaemonSet> sets,
      SharedInformer<Pod> pods,
      SharedInformer<Node> nodes,
      SharedInformer<ControllerRevision> revisions,
      Clock clock) {
    this.client = client;
    this.events = events;
    this.sets = sets;
    this.pods = pods;
    this.nodes = nodes;
    this.revisions = revisions;
    this.clock = clock;
    this.pending = new PendingPods(clock);
  }

  @Override
  public Result reconcile(Request request) {
    String key = request.toString();
    DaemonSet set = sets.indexer().get(request.namespace(), request.name()).orElse(null);
    if (set == null) {
      pending.forget(key);
      return Result.done();
    }
    if (set.metadata().deletionTimestamp() != null || set.spec() == null) {
      return Result.done();
    }
    DaemonSetSpec spec = set.spec();
    Selector selector = Selector.fromLabelSelector(spec.selector());
    if (selector.isEverything() || selector.isNothing()) {
      return Result.done();
    }
    String uid = set.metadata().uid();
    List<Pod> owned = pending.view(key, PodClaims.claim(client, pods, set, selector));
    DaemonSetStatus status = set.status();
    ControllerRevisions.History history =
        ControllerRevisions.sync(
            client,
            set,
            SharedIndexes.controlledBy(revisions, uid),
            spec.template(),
            spec.template().metadata() == null ? Map.of() : spec.template().metadata().labels(),
            status == null ? null : status.collisionCount());
    String hash = history.update().metadata().labels().get(ControllerRevisions.HASH_LABEL);
    Pass pass = new Pass(key, set, owned, hash);
    pass.manage();
    if (spec.updateStrategy() == null || !"OnDelete".equals(spec.updateStrategy().type())) {
      pass.rollingUpdate();
    }
    DaemonSetStatus next = pass.status(history.collisionCount());
    if (!next.equals(status)) {
      try {
        client
            .resources(DaemonSet.class)
            .inNamespace(set.metadata().namespace())
            .updateStatus(set.withStatus(next));
      } catch (ConflictException e) {
        return Result.requeueWithBackoff();
      }
    }
    Set<String> live = new HashSet<>();
    for (ControllerRevision r : history.revisions()) {
      if (pass.hashesInUse.contains(r.metadata().labels().get(ControllerRevisions.HASH_LABEL))) {
        live.add(r.metadata().name());
      }
    }
    ControllerRevisions.truncate(
        client,
        history.revisions(),
        live,
        history.update(),
        spec.revisionHistoryLimit() == null ? 10 : spec.revisionHistoryLimit());
    return pass.availableIn == null ? Result.done() : Result.requeueAfter(pass.availableIn);
  }

  /** The state of one reconcile of one set. */
  private final class Pass {
    final String key;
    final DaemonSet set;
    final String hash;
    final int minReadySeconds;
    final Instant now = clock.instant();
    final Map<String, Node> nodesByName = new HashMap<>();
    final Map<String, List<Pod>> podsByNode = new HashMap<>();
    final Map<String, DaemonPods.Placement> placements = new HashMap<>();
    final Set<String> hashesInUse = new HashSet<>();
    Duration availableIn;

    Pass(String key, DaemonSet set, List<Pod> owned, String hash) {
      this.key = key;
      this.set = set;
      this.hash = hash;
      this.minReadySeconds =
          set.spec().minReadySeconds() == null ? 0 : set.spec().minReadySeconds();
      for (Node n : nodes.indexer().list()) {
        nodesByName.put(n.metadata().name(), n);
        placements.put(n.metadata().name(), DaemonPods.placement(set, n));
      }
      for (Pod p : owned) {
        hashesInUse.add(p.metadata().label(ControllerRevisions.POD_REVISION_LABEL));
        String node = NodeAffinities.targetNode(p);
        if (node == null || !nodesByName.containsKey(node)) {
          if (!Pods.isTerminating(p)) {
            delete(p); // its node is gone (or it has none)
          }
          continue;
        }
        podsByNode.computeIfAbsent(node, k -> new ArrayList<>()).add(p);
      }
      for (List<Pod> l : podsByNode.values()) {
        l.sort(OLDEST_FIRST);
      }
    }

    /** Creates missing daemon pods and deletes those that must go (podsShouldBeOnNode). */
    void manage() {
      for (Map.Entry<String, DaemonPods.Placement> e : placements.entrySet()) {
        String node = e.getKey();
        DaemonPods.Placement placement = e.getValue();
        List<Pod> here = podsByNode.getOrDefault(node, List.of());
        if (placement.shouldRun() && here.isEmpty()) {
          create(node);
          continue;
        }
        if (!placement.shouldContinueRunning()) {
          for (Pod p : here) {
            if (!Pods.isTerminating(p)) {
              delete(p);
            }
          }
          continue;
        }
        List<Pod> running = new ArrayList<>();
        for (Pod p : here) {
          if (Pods.isTerminating(p)) {
            continue;
          }
          if ("Failed".equals(phase(p))) {
            delete(p); // recreated on a later pass
            continue;
          }
          running.add(p);
        }
        if (running.size() > 1) {
          pruneExtra(running);
        }
      }
    }

    /** Keeps the oldest pod (the oldest old and newest new one while surging). */
    private void pruneExtra(List<Pod> running) {
      if (maxSurge() == 0) {
        for (int i = 1; i < running.size(); i++) {
          delete(running.get(i));
        }
        return;
      }
      Pod oldest = null;
      Pod newest = null;
      for (Pod p : running) {
        if (isUpdated(p)) {
          newest = p;
        } else if (oldest == null) {
          oldest = p;
        }
      }
      for (Pod p : running) {
        if (p != oldest && p != newest) {
          delete(p);
        }
      }
    }

    /** Replaces out-of-date pods within maxUnavailable, or ahead of them within maxSurge. */
    void rollingUpdate() {
      int desired = desired();
      int surge = maxSurge();
      int maxUnavailable = maxUnavailable(desired);
      if (surge == 0 && maxUnavailable == 0) {
        maxUnavailable = 1;
      }
      int unavailable = 0;
      List<Pod> oldAvailable = new ArrayList<>();
      List<String> surgeCandidates = new ArrayList<>();
      int surging = 0;
      for (Map.Entry<String, DaemonPods.Placement> e : placements.entrySet()) {
        if (!e.getValue().shouldRun()) {
          continue;
        }
        Pod newPod = null;
        List<Pod> old = new ArrayList<>();
        for (Pod p : podsByNode.getOrDefault(e.getKey(), List.of())) {
          if (Pods.isTerminating(p)) {
            continue;
          }
          if (isUpdated(p)) {
            newPod = p;
          } else {
            old.add(p);
          }
        }
        if (surge == 0) {
          Pod current = newPod != null ? newPod : old.isEmpty() ? null : old.get(0);
          if (current == null || !available(current)) {
            unavailable++;
            for (Pod p : old) {
              if (!available(p)) {
                delete(p); // already unavailable: replacing it costs nothing
              }
            }
          } else if (newPod == null) {
            oldAvailable.add(old.get(0));
          }
          continue;
        }
        if (old.isEmpty()) {
          if (newPod == null || !available(newPod)) {
            unavailable++;
          }
          continue;
        }
        if (newPod != null) {
          surging++;
          if (available(newPod)) {
            old.forEach(this::delete);
          }
        } else if (!available(old.get(0))) {
          old.forEach(this::delete);
        } else {
          surgeCandidates.add(e.getKey());
        }
      }
      if (surge == 0) {
        oldAvailable.sort(OLDEST_FIRST);
        for (Pod p : oldAvailable) {
          if (unavailable >= maxUnavailable) {
            break;
          }
          delete(p);
          unavailable++;
        }
        return;
      }
      surgeCandidates.sort(Comparator.naturalOrder());
      for (String node : surgeCandidates) {
        if (surging >= surge) {
          break;
        }
        create(node);
        surging++;
      }
    }

    private boolean isUpdated(Pod p) {
      return hash.equals(p.metadata().label(ControllerRevisions.POD_REVISION_LABEL));
    }

    private int desired() {
      int n = 0;
      for (DaemonPods.Placement p : placements.values()) {
        if (p.shouldRun()) {
          n++;
        }
      }
      return n;
    }

    private RollingUpdateDaemonSet rolling() {
      var s = set.spec().updateStrategy();
      return s == null ? null : s.rollingUpdate();
    }

    private int maxSurge() {
      RollingUpdateDaemonSet r = rolling();
      IntOrString v = r == null ? null : r.maxSurge();
      return v == null ? 0 : v.scaledValue(desired(), true);
    }

    private int maxUnavailable(int desired) {
      RollingUpdateDaemonSet r = rolling();
      IntOrString v = r == null ? null : r.maxUnavailable();
      return v == null ? 1 : v.scaledValue(desired, true);
    }

    private boolean available(Pod pod) {
      if (Pods.isAvailable(pod, minReadySeconds, now)) {
        return true;
      }
      if (Pods.isReady(pod) && minReadySeconds > 0) {
        Instant since = pod.status().condition("Ready").lastTransitionTime();
        Duration left =
            since == null
                ? Duration.ofSeconds(minReadySeconds)
                : Duration.between(now, since.plusSeconds(minReadySeconds));
        if (availableIn == null || left.compareTo(availableIn) < 0) {
          availableIn = left.isNegative() ? Duration.ZERO : left;
        }
      }
      return false;
    }

    private void create(String node) {
      Pod pod = DaemonPods.newPod(set, set.spec().template(), node, hash);
      Pod created = client.resources(Pod.class).inNamespace(set.metadata().namespace()).create(pod);
      pending.created(key, created);
      events.normal(set, "SuccessfulCreate", "Created pod: " + created.metadata().name());
      podsByNode.computeIfAbsent(node, k -> new ArrayList<>()).add(created);
    }

    private void delete(Pod pod) {
      try {
        client
            .resources(Pod.class)
            .inNamespace(set.metadata().namespace())
            .delete(
                pod.metadata().name(),
                DeleteOptionsBuilder.builder()
                    .preconditions(new Preconditions(pod.metadata().uid(), null))
                    .build());
        events.normal(set, "SuccessfulDelete", "Deleted pod: " + pod.metadata().name());
      } catch (NotFoundException | ConflictException e) {
        // gone already
      }
      pending.deleted(key, pod);
    }

    DaemonSetStatus status(int collisionCount) {
      int desired = 0;
      int current = 0;
      int misscheduled = 0;
      int ready = 0;
      int updated = 0;
      int available = 0;
      for (Map.Entry<String, DaemonPods.Placement> e : placements.entrySet()) {
        boolean shouldRun = e.getValue().shouldRun();
        if (shouldRun) {
          desired++;
        }
        List<Pod> here = new ArrayList<>();
        for (Pod p : podsByNode.getOrDefault(e.getKey(), List.of())) {
          if (!Pods.isTerminating(p)) {
            here.add(p);
          }
        }
        if (here.isEmpty()) {
          continue;
        }
        if (!shouldRun) {
          misscheduled++;
          continue;
        }
        current++;
        Pod p = here.get(0);
        if (Pods.isReady(p)) {
          ready++;
          if (available(p)) {
            available++;
          }
        }
        for (Pod q : here) {
          if (isUpdated(q)) {
            updated++;
            break;
          }
        }
      }
      DaemonSetStatus old = set.status();
      return DaemonSetStatusBuilder.builder()
          .observedGeneration(set.metadata().generation())
          .desiredNumberScheduled(desired)
          .currentNumberScheduled(current)
          .numberMisscheduled(misscheduled)
          .numberReady(ready)
          .updatedNumberScheduled(updated)
          .numberAvailable(available)
          .numberUnavailable(desired - available)
          .collisionCount(collisionCount)
          .conditions(old == null ? List.of() : old.conditions())
          .build();
    }
  }

  private static final Comparator<Pod> OLDEST_FIRST =
      Comparator.comparing(
              (Pod p) -> p.metadata().creationTimestamp(),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(p -> p.metadata().name());

  private static String phase(Pod p) {
    return p.status() == null ? null : p.status().phase();
  }
}
