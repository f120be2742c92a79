package dev.keelson.controllers.statefulset;

import dev.keelson.api.apps.v1.ControllerRevision;
import dev.keelson.api.apps.v1.StatefulSet;
import dev.keelson.api.core.v1.PersistentVolumeClaim;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.KubeEventRecorder;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.SharedIndexes;

/**
 * Kubernetes' StatefulSet controller. Build it, start the informer factory, then {@link #start()}
 * (or start the factory afterwards: the workers wait until the informers have synced).
 *
 * <pre>{@code
 * StatefulSetController c = new StatefulSetController(client, informers, clock);
 * informers.start();
 * c.start();
 * }</pre>
 */
public final class StatefulSetController implements AutoCloseable {
  /** The controller's name (its queue and logs). */
  public static final String NAME = "statefulset";

  private final Controller controller;
  private final KubeEventRecorder events;

  /** A controller over the informers of {@code informers}, timed on {@code clock}. */
  public StatefulSetController(KubeClient client, InformerFactory informers, Clock clock) {
    SharedInformer<StatefulSet> sets = informers.informer(StatefulSet.class);
    SharedInformer<Pod> pods = SharedIndexes.byOwnerUid(informers.informer(Pod.class));
    SharedInformer<ControllerRevision> revisions =
        SharedIndexes.byOwnerUid(informers.informer(ControllerRevision.class));
    SharedInformer<PersistentVolumeClaim> claims = informers.informer(PersistentVolumeClaim.class);
    this.events = KubeEventRecorder.builder(client, "statefulset-controller").clock(clock).build();
    StatefulSetReconciler reconciler =
        new StatefulSetReconciler(client, events, sets, pods, revisions, claims, clock);
    this.controller =
        Controller.builder(NAME, reconciler)
            .forResource(sets)
            .owns(pods, "apps", "StatefulSet")
            .owns(revisions, "apps", "StatefulSet")
            .clock(clock)
            .workers(2)
            .build();
  }

  /** Starts the workers (once the informers have synced). */
  public void start() {
    controller.start();
  }

  /** The underlying controller (queue, stats). */
  public Controller controller() {
    return controller;
  }

  /** Stops the workers. */
  @Override
  public void close() {
    controller.close();
    events.close();
  }
}
