package dev.keelson.controllers.statefulset;

import dev.keelson.api.apps.v1.ControllerRevision;
import dev.keelson.api.apps.v1.StatefulSet;
import dev.keelson.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy;
import dev.keelson.api.apps.v1.StatefulSetSpec;
import dev.keelson.api.apps.v1.StatefulSetStatus;
import dev.keelson.api.apps.v1.StatefulSetStatusBuilder;
import dev.keelson.api.apps.v1.StatefulSetUpdateStrategy;
import dev.keelson.api.core.v1.PersistentVolumeClaim;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.errors.AlreadyExistsException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.DeleteOptions;
import dev.keelson.api.meta.DeleteOptionsBuilder;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.Preconditions;
import dev.keelson.api.selector.Selector;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.EventRecorder;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Reconciler;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.ControllerRevisions;
import dev.keelson.controllers.support.PendingPods;
import dev.keelson.controllers.support.PodClaims;
import dev.keelson.controllers.support.Pods;
import dev.keelson.controllers.support.SharedIndexes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One pass of the StatefulSet controller over one set (Kubernetes' {@code updateStatefulSet}). */
final class StatefulSetReconciler implements Reconciler {
  private final KubeClient client;
  private final EventRecorder events;
  private final SharedInformer<StatefulSet> sets;
  private final SharedInformer<Pod> pods;
  private final SharedInformer<ControllerRevision> revisions;
  private final SharedInformer<PersistentVolumeClaim> claims;
  private final Clock clock;
  private final PendingPods pending;

  StatefulSetReconciler(
      KubeClient client,
      EventRecorder events,
      SharedInformer<StatefulSet> sets,
      SharedInformer<Pod> pods,
      SharedInformer<ControllerRevision> revisions,
      SharedInformer<PersistentVolumeClaim> claims,
      Clock clock) {
    this.client = client;
    this.events = events;
    this.sets = sets;
    this.pods = pods;
    this.revisions = revisions;
    this.claims = claims;
    this.clock = clock;
    this.pending = new PendingPods(clock);
  }

  @Override
  public Result reconcile(Request request) {
    String key = request.toString();
    StatefulSet set = sets.indexer().get(request.namespace(), request.name()).orElse(null);
    if (set == null) {
      pending.forget(key);
      return Result.done();
    }
    if (set.metadata().deletionTimestamp() != null || set.spec() == null) {
      return Result.done();
    }
    StatefulSetSpec spec = set.spec();
    Selector selector = Selector.fromLabelSelector(spec.selector());
    if (selector.isEverything() || selector.isNothing()) {
      return Result.done(); // the API server refuses these; nothing safe to do
    }
    String uid = set.metadata().uid();
    List<Pod> owned = pending.view(key, PodClaims.claim(client, pods, set, selector));
    StatefulSetStatus status = set.status();
    ControllerRevisions.History history =
        ControllerRevisions.sync(
            client,
            set,
            SharedIndexes.controlledBy(revisions, uid),
            spec.template(),
            labelsOf(spec.template()),
            status == null ? null : status.collisionCount());
    ControllerRevision update = history.update();
    ControllerRevision current = update;
    String currentName = status == null ? null : status.currentRevision();
    for (ControllerRevision r : history.revisions()) {
      if (r.metadata().name().equals(currentName)) {
        current = r;
      }
    }
    Pass pass = new Pass(set, owned, current, update);
    pass.sync();
    StatefulSetStatus next = pass.status(history.collisionCount());
    if (!next.equals(status)) {
      try {
        client
            .resources(StatefulSet.class)
            .inNamespace(set.metadata().namespace())
            .updateStatus(set.withStatus(next));
      } catch (ConflictException e) {
        return Result.requeueWithBackoff(); // a newer version is on its way to the cache
      }
    }
    Set<String> live = new HashSet<>();
    for (Pod p : owned) {
      live.add(p.metadata().label(ControllerRevisions.POD_REVISION_LABEL));
    }
    live.add(next.currentRevision());
    ControllerRevisions.truncate(
        client,
        history.revisions(),
        live,
        update,
        spec.revisionHistoryLimit() == null ? 10 : spec.revisionHistoryLimit());
    return pass.availableIn == null ? Result.done() : Result.requeueAfter(pass.availableIn);
  }

  private static Map<String, String> labelsOf(PodTemplateSpec t) {
    return t == null || t.metadata() == null ? Map.of() : t.metadata().labels();
  }

  /** The state of one reconcile of one set. */
  private final class Pass {
    final StatefulSet set;
    final StatefulSetSpec spec;
    final String key;
    final List<Pod> pods;
    final ControllerRevision current;
    final ControllerRevision update;
    final int start;
    final int replicas;
    final boolean monotonic;
    final int minReadySeconds;
    final Instant now = clock.instant();
    final TreeMap<Integer, Pod> inRange = new TreeMap<>();
    final List<Pod> condemned = new ArrayList<>();
    Duration availableIn;

    Pass(StatefulSet set, List<Pod> pods, ControllerRevision current, ControllerRevision update) {
      this.set = set;
      this.spec = set.spec();
      this.key = set.metadata().namespace() + "/" + set.metadata().name();
      this.pods = pods;
      this.current = current;
      this.update = update;
      this.start =
          spec.ordinals() == null || spec.ordinals().start() == null ? 0 : spec.ordinals().start();
      this.replicas = spec.replicas() == null ? 1 : spec.replicas();
      this.monotonic = !"Parallel".equals(spec.podManagementPolicy());
      this.minReadySeconds = spec.minReadySeconds() == null ? 0 : spec.minReadySeconds();
      for (Pod p : pods) {
        int ordinal = StatefulPods.ordinal(set.metadata().name(), p);
        if (ordinal >= start && ordinal < start + replicas) {
          Pod other = inRange.get(ordinal);
          if (other == null || Pods.isTerminating(other)) {
            inRange.put(ordinal, p);
          }
        } else if (ordinal >= 0) {
          condemned.add(p);
        }
      }
      condemned.sort(
          Comparator.comparingInt((Pod p) -> StatefulPods.ordinal(set.metadata().name(), p))
              .reversed());
    }

    /** Creates, deletes and updates pods; returns early where Kubernetes waits. */
    void sync() {
      for (int ordinal = start; ordinal < start + replicas; ordinal++) {
        Pod pod = inRange.get(ordinal);
        if (pod == null) {
          create(ordinal);
          if (monotonic) {
            return;
          }
          continue;
        }
        if ("Failed".equals(phase(pod)) && !Pods.isTerminating(pod)) {
          delete(pod);
          if (monotonic) {
            return;
          }
          continue;
        }
        if (Pods.isTerminating(pod)) {
          if (monotonic) {
            return;
          }
          continue;
        }
        ensureClaims(ordinal);
        if (monotonic && !runningAndReady(pod)) {
          return;
        }
        if (monotonic && !available(pod)) {
          return;
        }
      }
      for (Pod pod : condemned) {
        if (Pods.isTerminating(pod)) {
          if (monotonic) {
            return;
          }
          continue;
        }
        if (monotonic && unhealthyOtherThan(pod)) {
          return;
        }
        delete(pod);
        deleteClaimsOnScaleDown(pod);
        if (monotonic) {
          return;
        }
      }
      StatefulSetUpdateStrategy strategy = spec.updateStrategy();
      if (strategy != null && "OnDelete".equals(strategy.type())) {
        return;
      }
      int partition = partition();
      for (int ordinal = start + replicas - 1; ordinal >= start + partition; ordinal--) {
        Pod pod = inRange.get(ordinal);
        if (pod == null) {
          return;
        }
        if (!update.metadata().name().equals(revisionOf(pod)) && !Pods.isTerminating(pod)) {
          delete(pod);
          return;
        }
        if (!runningAndReady(pod) || Pods.isTerminating(pod)) {
          return;
        }
      }
    }

    private int partition() {
      StatefulSetUpdateStrategy s = spec.updateStrategy();
      Integer p = s == null || s.rollingUpdate() == null ? null : s.rollingUpdate().partition();
      return p == null ? 0 : Math.max(0, p);
    }

    private boolean unhealthyOtherThan(Pod target) {
      for (Pod p : pods) {
        if (p != target && (!runningAndReady(p) || Pods.isTerminating(p))) {
          return true;
        }
      }
      return false;
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

    /** The template of {@code ordinal}: below the partition the current revision's. */
    private void create(int ordinal) {
      ControllerRevision revision = update;
      StatefulSetUpdateStrategy s = spec.updateStrategy();
      boolean rolling = s == null || !"OnDelete".equals(s.type());
      if (rolling && ordinal < start + partition()) {
        revision = current;
      }
      PodTemplateSpec template =
          revision == update ? spec.template() : ControllerRevisions.templateOf(revision);
      createClaims(ordinal, template);
      Pod pod = StatefulPods.newPod(set, template, ordinal, revision.metadata().name());
      try {
        Pod created = client.resources(Pod.class).inNamespace(ns()).create(pod);
        pending.created(key, created);
        events.normal(
            set,
            "SuccessfulCreate",
            "create Pod "
                + pod.metadata().name()
                + " in StatefulSet "
                + set.metadata().name()
                + " successful");
      } catch (AlreadyExistsException e) {
        // the cache is behind; the next pass sees it
      }
    }

    private void ensureClaims(int ordinal) {
      createClaims(ordinal, spec.template());
    }

    private void createClaims(int ordinal, PodTemplateSpec template) {
      for (PersistentVolumeClaim claim : StatefulPods.claims(set, ordinal)) {
        if (claims.indexer().get(ns(), claim.metadata().name()).isPresent()) {
          continue;
        }
        try {
          client.resources(PersistentVolumeClaim.class).inNamespace(ns()).create(claim);
          events.normal(
              set,
              "SuccessfulCreate",
              "create Claim "
                  + claim.metadata().name()
                  + " Pod "
                  + StatefulPods.podName(set.metadata().name(), ordinal)
                  + " in StatefulSet "
                  + set.metadata().name()
                  + " success");
        } catch (AlreadyExistsException e) {
          // made already
        }
      }
    }

    private void deleteClaimsOnScaleDown(Pod pod) {
      StatefulSetPersistentVolumeClaimRetentionPolicy policy =
          spec.persistentVolumeClaimRetentionPolicy();
      if (policy == null || !"Delete".equals(policy.whenScaled())) {
        return;
      }
      int ordinal = StatefulPods.ordinal(set.metadata().name(), pod);
      for (PersistentVolumeClaim claim : StatefulPods.claims(set, ordinal)) {
        try {
          client
              .resources(PersistentVolumeClaim.class)
              .inNamespace(ns())
              .delete(claim.metadata().name(), null);
        } catch (NotFoundException e) {
          // gone
        }
      }
    }

    private void delete(Pod pod) {
      ObjectMeta m = pod.metadata();
      DeleteOptions options =
          DeleteOptionsBuilder.builder().preconditions(new Preconditions(m.uid(), null)).build();
      try {
        client.resources(Pod.class).inNamespace(ns()).delete(m.name(), options);
        pending.deleted(key, pod);
        events.normal(
            set,
            "SuccessfulDelete",
            "delete Pod " + m.name() + " in StatefulSet " + set.metadata().name() + " successful");
      } catch (NotFoundException e) {
        // gone already
      } catch (ConflictException e) {
        // a new pod of that name: the next pass looks at it
      }
    }

    StatefulSetStatus status(int collisionCount) {
      int count = 0;
      int ready = 0;
      int available = 0;
      int currentCount = 0;
      int updated = 0;
      for (Pod p : pods) {
        if (phase(p) == null || phase(p).isEmpty()) {
          continue;
        }
        count++;
        if (runningAndReady(p)) {
          ready++;
          if (Pods.isAvailable(p, minReadySeconds, now)) {
            available++;
          } else {
            available(p); // schedules the requeue
          }
        }
        if (!Pods.isTerminating(p)) {
          String rev = revisionOf(p);
          if (current.metadata().name().equals(rev)) {
            currentCount++;
          }
          if (update.metadata().name().equals(rev)) {
            updated++;
          }
        }
      }
      String currentRevision = current.metadata().name();
      boolean rolling =
          spec.updateStrategy() == null || !"OnDelete".equals(spec.updateStrategy().type());
      if (rolling && updated == count && ready == count && count == replicas) {
        currentRevision = update.metadata().name();
        currentCount = updated;
      }
      StatefulSetStatus old = set.status();
      return StatefulSetStatusBuilder.builder()
          .observedGeneration(set.metadata().generation())
          .replicas(count)
          .readyReplicas(ready)
          .availableReplicas(available)
          .currentReplicas(currentCount)
          .updatedReplicas(updated)
          .currentRevision(currentRevision)
          .updateRevision(update.metadata().name())
          .collisionCount(collisionCount)
          .conditions(old == null ? List.of() : old.conditions())
          .build();
    }

    private String ns() {
      return set.metadata().namespace();
    }
  }

  private static String phase(Pod p) {
    return p.status() == null ? null : p.status().phase();
  }

  private static String revisionOf(Pod p) {
    return p.metadata().label(ControllerRevisions.POD_REVISION_LABEL);
  }

  static boolean runningAndReady(Pod p) {
    return "Running".equals(phase(p)) && Pods.isReady(p);
  }
}
