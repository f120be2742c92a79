package dev.keelson.controllers.job;

import dev.keelson.api.batch.v1.Job;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.KubeEventRecorder;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.SharedIndexes;

/**
 * Kubernetes' Job controller. Build it, start the informer factory, then {@link #start()}. Pod
 * failure backoff, activeDeadlineSeconds and ttlSecondsAfterFinished are timed on the clock.
 */
public final class JobController implements AutoCloseable {
  /** The controller's name (its queue and logs). */
  public static final String NAME = "job";

  private final Controller controller;
  private final KubeEventRecorder events;

  /** A controller over the informers of {@code informers}, timed on {@code clock}. */
  public JobController(KubeClient client, InformerFactory informers, Clock clock) {
    SharedInformer<Job> jobs = informers.informer(Job.class);
    SharedInformer<Pod> pods = SharedIndexes.byOwnerUid(informers.informer(Pod.class));
    this.events = KubeEventRecorder.builder(client, "job-controller").clock(clock).build();
    JobReconciler reconciler = new JobReconciler(client, events, jobs, pods, clock);
    this.controller =
        Controller.builder(NAME, reconciler)
            .forResource(jobs)
            .owns(pods, "batch", "Job")
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
