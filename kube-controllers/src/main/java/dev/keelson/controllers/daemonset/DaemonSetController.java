package dev.keelson.controllers.daemonset;

import dev.keelson.api.apps.v1.ControllerRevision;
import dev.keelson.api.apps.v1.DaemonSet;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.KubeEventRecorder;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.reconcile.Mappers;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.SharedIndexes;
import java.util.HashSet;
import java.util.Set;

/**
 * Kubernetes' DaemonSet controller. Node additions, removals and changes (labels, taints) queue
 * every DaemonSet at once. Build it, start the informer factory, then {@link #start()}.
 */
public final class DaemonSetController implements AutoCloseable {
  /** The controller's name (its queue and logs). */
  public static final String NAME = "daemonset";

  private final Controller controller;
  private final KubeEventRecorder events;

  /** A controller over the informers of {@code informers}, timed on {@code clock}. */
  public DaemonSetController(KubeClient client, InformerFactory informers, Clock clock) {
    SharedInformer<DaemonSet> sets = informers.informer(DaemonSet.class);
    SharedInformer<Pod> pods = SharedIndexes.byOwnerUid(informers.informer(Pod.class));
    SharedInformer<Node> nodes = informers.informer(Node.class);
    SharedInformer<ControllerRevision> revisions =
        SharedIndexes.byOwnerUid(informers.informer(ControllerRevision.class));
    this.events = KubeEventRecorder.builder(client, "daemonset-controller").clock(clock).build();
    DaemonSetReconciler reconciler =
        new DaemonSetReconciler(client, events, sets, pods, nodes, revisions, clock);
    this.controller =
        Controller.builder(NAME, reconciler)
            .forResource(sets)
            .owns(pods, "apps", "DaemonSet")
            .owns(revisions, "apps", "DaemonSet")
            .watches(
                nodes,
                Mappers.of(
                    (Node n) -> {
                      Set<Request> all = new HashSet<>();
                      for (DaemonSet ds : sets.indexer().list()) {
                        all.add(Request.of(ds));
                      }
                      return all;
                    }))
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
