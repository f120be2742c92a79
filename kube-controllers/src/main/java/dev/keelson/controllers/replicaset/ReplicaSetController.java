package dev.keelson.controllers.replicaset;

import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.api.selector.Selector;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.KubeEventRecorder;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.reconcile.ControllerStats;
import dev.keelson.controller.reconcile.Mappers;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.source.ResourceEventHandler;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.ControllerRefs;
import dev.keelson.controllers.support.Expectations;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ReplicaSet controller: keeps {@code spec.replicas} pods of each ReplicaSet, as
 * kube-controller-manager's {@code replicaset} controller. It creates pods from the template (named
 * {@code <replicaset>-<5 random characters>} by {@code generateName}, with a controller reference)
 * in slow-start batches of 1, 2, 4, ..., deletes surplus pods in Kubernetes' preference order
 * ({@link dev.keelson.controllers.support.PodDeletionOrder}), adopts matching orphans and releases
 * pods that stop matching, waits for the informer to show its own creations and deletions ({@link
 * Expectations}) and writes the status (replicas, fullyLabeledReplicas, readyReplicas,
 * availableReplicas, observedGeneration, the ReplicaFailure condition).
 *
 * <pre>{@code
 * ReplicaSetController rs = new ReplicaSetController(client, informers, Clock.system());
 * rs.start();   // registers with the informers and starts them
 * ...
 * rs.close();
 * }</pre>
 */
public final class ReplicaSetController implements AutoCloseable {
  /** At most this many pods are created or deleted in one sync (Kubernetes' burstReplicas). */
  public static final int BURST_REPLICAS = 500;

  private final SharedInformer<ReplicaSet> replicaSets;
  private final SharedInformer<Pod> pods;
  private final InformerFactory informers;
  private final Expectations expectations;
  private final Controller controller;
  private final KubeEventRecorder events;

  /** A controller with one worker. */
  public ReplicaSetController(KubeClient client, InformerFactory informers, Clock clock) {
    this(client, informers, clock, 1);
  }

  /** A controller reconciling with {@code workers} workers (Kubernetes' default: 5). */
  public ReplicaSetController(
      KubeClient client, InformerFactory informers, Clock clock, int workers) {
    Objects.requireNonNull(client, "client");
    this.informers = Objects.requireNonNull(informers, "informers");
    this.replicaSets = informers.informer(ReplicaSet.class);
    this.pods = informers.informer(Pod.class);
    this.expectations = new Expectations(clock);
    this.events = KubeEventRecorder.builder(client, "replicaset-controller").clock(clock).build();
    ReplicaSetSync sync =
        new ReplicaSetSync(
            client, replicaSets.indexer(), pods.indexer(), expectations, events, clock);
    this.controller =
        Controller.builder("replicaset", sync)
            .forResource(replicaSets)
            .watches(pods, Mappers.of(p -> Set.of())) // queued by PodEvents (expectations first)
            .clock(clock)
            .workers(workers)
            .build();
  }

  /** Registers with the informers, starts them, and starts reconciling once they have synced. */
  public void start() {
    pods.addHandler(new PodEvents());
    controller.start();
    informers.start();
  }

  /** Whether the informers have synced and the workers run. */
  public boolean hasSynced() {
    return controller.hasSynced();
  }

  /** How the reconciles went so far. */
  public ControllerStats stats() {
    return controller.stats();
  }

  /** The pod handler (tests). */
  ResourceEventHandler<Pod> podEvents() {
    return new PodEvents();
  }

  /** The expectations of pod creations and deletions (tests). */
  Expectations expectations() {
    return expectations;
  }

  /** Stops reconciling (the informers belong to the factory's owner). */
  @Override
  public void close() {
    controller.close();
    events.close();
  }

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private void enqueueOwner(Pod pod, OwnerReference ref) {
    if (ref != null && ReplicaSet.KIND.equals(ref.kind())) {
      controller.enqueue(Request.of(pod.metadata().namespace(), ref.name()));
    }
  }

  private void enqueueMatching(Pod pod) {
    String ns = pod.metadata().namespace();
    Map<String, String> labels = pod.metadata().labels();
    for (ReplicaSet rs : replicaSets.indexer().list(ns)) {
      if (rs.spec() == null || rs.spec().selector() == null) {
        continue;
      }
      try {
        Selector s = Selector.fromLabelSelector(rs.spec().selector());
        if (!s.isEverything() && s.matches(labels)) {
          controller.enqueue(Request.of(rs));
        }
      } catch (IllegalArgumentException e) {
        // an invalid selector selects nothing
      }
    }
  }

  /** Lowers expectations as the informer shows pods, then queues their ReplicaSets. */
  private final class PodEvents implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod, boolean initial) {
      if (pod.metadata().deletionTimestamp() != null) {
        // Seen first already terminating: its add and its deletion reached this handler as one
        // notification (it lagged), but it was still created; uncounted, the ReplicaSet would not
        // sync until the expectation expired.
        OwnerReference ref = ControllerRefs.controllerOf(pod.metadata());
        if (ref != null && ReplicaSet.KIND.equals(ref.kind())) {
          expectations.creationObserved(key(pod.metadata().namespace(), ref.name()));
        }
        deleted(pod);
        return;
      }
      OwnerReference ref = ControllerRefs.controllerOf(pod.metadata());
      if (ref != null) {
        if (ReplicaSet.KIND.equals(ref.kind())) {
          expectations.creationObserved(key(pod.metadata().namespace(), ref.name()));
          enqueueOwner(pod, ref);
        }
        return;
      }
      enqueueMatching(pod);
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
      if (Objects.equals(old.metadata().resourceVersion(), pod.metadata().resourceVersion())) {
        return; // a resync
      }
      boolean labelsChanged = !old.metadata().labels().equals(pod.metadata().labels());
      if (pod.metadata().deletionTimestamp() != null) {
        deleted(pod);
        if (labelsChanged) {
          deleted(old);
        }
        return;
      }
      OwnerReference oldRef = ControllerRefs.controllerOf(old.metadata());
      OwnerReference ref = ControllerRefs.controllerOf(pod.metadata());
      boolean refChanged = !Objects.equals(oldRef, ref);
      if (refChanged && oldRef != null) {
        enqueueOwner(old, oldRef);
      }
      if (ref != null) {
        enqueueOwner(pod, ref);
        return;
      }
      if (labelsChanged || refChanged) {
        enqueueMatching(pod);
      }
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
      deleted(pod);
    }

    private void deleted(Pod pod) {
      OwnerReference ref = ControllerRefs.controllerOf(pod.metadata());
      if (ref == null || !ReplicaSet.KIND.equals(ref.kind())) {
        return;
      }
      String ns = pod.metadata().namespace();
      expectations.deletionObserved(key(ns, ref.name()), key(ns, pod.metadata().name()));
      enqueueOwner(pod, ref);
    }
  }
}
