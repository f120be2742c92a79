package dev.keelson.controllers.cronjob;

import dev.keelson.api.batch.v1.CronJob;
import dev.keelson.api.batch.v1.Job;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.KubeEventRecorder;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.SharedIndexes;

/**
 * Kubernetes' CronJob controller (the v2 one): schedules are waited for on the clock. Build it,
 * start the informer factory, then {@link #start()}.
 */
public final class CronJobController implements AutoCloseable {
  /** The controller's name (its queue and logs). */
  public static final String NAME = "cronjob";

  private final Controller controller;
  private final KubeEventRecorder events;

  /** A controller over the informers of {@code informers}, timed on {@code clock}. */
  public CronJobController(KubeClient client, InformerFactory informers, Clock clock) {
    SharedInformer<CronJob> cronJobs = informers.informer(CronJob.class);
    SharedInformer<Job> jobs = SharedIndexes.byOwnerUid(informers.informer(Job.class));
    this.events = KubeEventRecorder.builder(client, "cronjob-controller").clock(clock).build();
    CronJobReconciler reconciler = new CronJobReconciler(client, events, cronJobs, jobs, clock);
    this.controller =
        Controller.builder(NAME, reconciler)
            .forResource(cronJobs)
            .owns(jobs, "batch", "CronJob")
            .clock(clock)
            .build();
  }

  /** Starts the worker (once the informers have synced). */
  public void start() {
    controller.start();
  }

  /** The underlying controller (queue, stats). */
  public Controller controller() {
    return controller;
  }

  /** Stops the worker. */
  @Override
  public void close() {
    controller.close();
    events.close();
  }
}
