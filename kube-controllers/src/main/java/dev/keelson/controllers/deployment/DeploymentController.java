package dev.keelson.controllers.deployment;

import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.meta.LabelSelector;
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
import dev.keelson.controller.source.EventPredicate;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.ControllerRefs;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The Deployment controller, as kube-controller-manager's {@code deployment} controller: one
 * ReplicaSet per pod template (named {@code <deployment>-<pod-template-hash>}, the hash also in its
 * labels and selector), rolled out by RollingUpdate (maxSurge/maxUnavailable) or Recreate, with
 * revisions ({@code deployment.kubernetes.io/revision}), rollback by re-applying an older template,
 * pausing, proportional scaling, revision history cleanup, and the Progressing and Available
 * conditions. It needs the {@link dev.keelson.controllers.replicaset.ReplicaSetController} to turn
 * ReplicaSets into pods.
 *
 * <pre>{@code
 * DeploymentController deployments = new DeploymentController(client, informers, Clock.system());
 * deployments.start();
 * }</pre>
 */
public final class DeploymentController implements AutoCloseable {
  private final SharedInformer<Deployment> deployments;
  private final InformerFactory informers;
  private final Controller controller;
  private final KubeEventRecorder events;

  /** A controller with one worker. */
  public DeploymentController(KubeClient client, InformerFactory informers, Clock clock) {
    this(client, informers, clock, 1);
  }

  /** A controller reconciling with {@code workers} workers (Kubernetes' default: 5). */
  public DeploymentController(
      KubeClient client, InformerFactory informers, Clock clock, int workers) {
    Objects.requireNonNull(client, "client");
    this.informers = Objects.requireNonNull(informers, "informers");
    this.deployments = informers.informer(Deployment.class);
    SharedInformer<ReplicaSet> replicaSets = informers.informer(ReplicaSet.class);
    SharedInformer<Pod> pods = informers.informer(Pod.class);
    this.events = KubeEventRecorder.builder(client, "deployment-controller").clock(clock).build();
    DeploymentSync sync =
        new DeploymentSync(
            client, deployments.indexer(), replicaSets.indexer(), pods.indexer(), events, clock);
    EventPredicate<Pod> deletions =
        new EventPredicate<>() {
          @Override
          public boolean onAdd(Pod obj) {
            return false;
          }

          @Override
          public boolean onUpdate(Pod oldObj, Pod newObj) {
            return false;
          }
        };
    this.controller =
        Controller.builder("deployment", sync)
            .forResource(deployments)
            .watches(replicaSets, Mappers.of(this::deploymentsOf))
            .watches(
                pods,
                Mappers.of(
                    (Pod p) -> {
                      OwnerReference ref = ControllerRefs.controllerOf(p.metadata());
                      if (ref == null || !ReplicaSet.KIND.equals(ref.kind())) {
                        return Set.of();
                      }
                      return replicaSets
                          .indexer()
                          .get(p.metadata().namespace(), ref.name())
                          .map(this::deploymentsOf)
                          .orElse(Set.of());
                    }),
                deletions)
            .clock(clock)
            .workers(workers)
            .build();
  }

  /** The Deployment controlling {@code rs}, or for an orphan every Deployment selecting it. */
  private Set<Request> deploymentsOf(ReplicaSet rs) {
    OwnerReference ref = ControllerRefs.controllerOf(rs.metadata());
    String ns = rs.metadata().namespace();
    if (ref != null) {
      return Deployment.KIND.equals(ref.kind()) ? Set.of(Request.of(ns, ref.name())) : Set.of();
    }
    Set<Request> out = new HashSet<>();
    for (Deployment d : deployments.indexer().list(ns)) {
      LabelSelector ls = d.spec() == null ? null : d.spec().selector();
      if (ls == null) {
        continue;
      }
      try {
        Selector s = Selector.fromLabelSelector(ls);
        if (!s.isEverything() && s.matches(rs.metadata().labels())) {
          out.add(Request.of(d));
        }
      } catch (IllegalArgumentException e) {
        // selects nothing
      }
    }
    return out;
  }

  /** Registers with the informers, starts them, and starts reconciling once they have synced. */
  public void start() {
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

  /** Stops reconciling (the informers belong to the factory's owner). */
  @Override
  public void close() {
    controller.close();
    events.close();
  }
}
