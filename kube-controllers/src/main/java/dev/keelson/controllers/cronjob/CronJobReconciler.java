package dev.keelson.controllers.cronjob;

import dev.keelson.api.batch.v1.CronJob;
import dev.keelson.api.batch.v1.CronJobSpec;
import dev.keelson.api.batch.v1.CronJobStatus;
import dev.keelson.api.batch.v1.CronJobStatusBuilder;
import dev.keelson.api.batch.v1.Job;
import dev.keelson.api.batch.v1.JobCondition;
import dev.keelson.api.core.v1.ObjectReference;
import dev.keelson.api.errors.AlreadyExistsException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.DeleteOptionsBuilder;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.validation.CronSchedule;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.EventRecorder;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Reconciler;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.reconcile.TerminalException;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.job.JobConditions;
import dev.keelson.controllers.support.ControllerRefs;
import dev.keelson.controllers.support.SharedIndexes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One pass of the CronJob controller over one cron job ({@code syncCronJob}). */
final class CronJobReconciler implements Reconciler {
  /** The annotation with the schedule time a job was made for. */
  static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";

  private final KubeClient client;
  private final EventRecorder events;
  private final SharedInformer<CronJob> cronJobs;
  private final SharedInformer<Job> jobs;
  private final Clock clock;

  /** Jobs this controller created that the job cache may not show yet, per cron job. */
  private final Map<String, Map<String, Job>> created = new ConcurrentHashMap<>();

  CronJobReconciler(
      KubeClient client,
      EventRecorder events,
      SharedInformer<CronJob> cronJobs,
      SharedInformer<Job> jobs,
      Clock clock) {
    this.client = client;
    this.events = events;
    this.cronJobs = cronJobs;
    this.jobs = jobs;
    this.clock = clock;
  }

  @Override
  public Result reconcile(Request request) throws TerminalException {
    CronJob cj = cronJobs.indexer().get(request.namespace(), request.name()).orElse(null);
    if (cj == null) {
      created.remove(request.toString());
      return Result.done();
    }
    if (cj.metadata().deletionTimestamp() != null || cj.spec() == null) {
      return Result.done();
    }
    CronJobSpec spec = cj.spec();
    Instant now = clock.instant();
    List<Job> owned = new ArrayList<>(SharedIndexes.controlledBy(jobs, cj.metadata().uid()));
    CronJobStatus old = cj.status() == null ? CronJobStatusBuilder.builder().build() : cj.status();
    Instant lastSuccessful = old.lastSuccessfulTime();
    Map<String, Job> active = new LinkedHashMap<>();
    List<Job> succeeded = new ArrayList<>();
    List<Job> failed = new ArrayList<>();
    for (Job j : owned) {
      List<JobCondition> c = j.status() == null ? List.of() : j.status().conditions();
      if (JobConditions.isTrue(c, JobConditions.COMPLETE)) {
        succeeded.add(j);
        Instant done = j.status().completionTime();
        if (done != null && (lastSuccessful == null || done.isAfter(lastSuccessful))) {
          lastSuccessful = done;
        }
      } else if (JobConditions.isTrue(c, JobConditions.FAILED)) {
        failed.add(j);
      } else if (j.metadata().deletionTimestamp() == null) {
        active.put(j.metadata().uid(), j);
      }
    }
    Map<String, Job> mine =
        created.computeIfAbsent(request.toString(), k -> new ConcurrentHashMap<>());
    mine.values()
        .removeIf(
            j ->
                owned.stream().anyMatch(o -> o.metadata().uid().equals(j.metadata().uid()))
                    || !j.metadata().creationTimestamp().plusSeconds(300).isAfter(now));
    for (Job j : mine.values()) {
      active.put(j.metadata().uid(), j); // created, not in the cache yet
    }
    prune(cj, succeeded, spec.successfulJobsHistoryLimit());
    prune(cj, failed, spec.failedJobsHistoryLimit());

    Instant lastSchedule = old.lastScheduleTime();
    Result result = Result.done();
    if (!Boolean.TRUE.equals(spec.suspend())) {
      CronSchedule schedule;
      try {
        schedule = CronSchedule.parse(spec.schedule(), spec.timeZone());
      } catch (IllegalArgumentException e) {
        throw new TerminalException("unparseable schedule " + spec.schedule() + ": " + e);
      }
      Instant earliest = lastSchedule != null ? lastSchedule : cj.metadata().creationTimestamp();
      if (earliest == null) {
        earliest = now;
      }
      if (spec.startingDeadlineSeconds() != null) {
        Instant windowStart = now.minusSeconds(spec.startingDeadlineSeconds());
        if (windowStart.isAfter(earliest)) {
          earliest = windowStart;
        }
      }
      Instant scheduled = mostRecent(schedule, earliest, now);
      Instant next = schedule.next(now);
      if (next != null) {
        result = Result.requeueAfter(Duration.between(now, next));
      }
      if (scheduled != null && start(cj, spec, scheduled, now, active)) {
        lastSchedule = scheduled;
      }
    }
    List<ObjectReference> refs = new ArrayList<>();
    for (Job j : active.values()) {
      refs.add(
          new ObjectReference(
              Job.KIND,
              j.metadata().namespace(),
              j.metadata().name(),
              j.metadata().uid(),
              Job.API_VERSION,
              j.metadata().resourceVersion(),
              null));
    }
    refs.sort(Comparator.comparing(ObjectReference::name));
    CronJobStatus next = new CronJobStatus(refs, lastSchedule, lastSuccessful);
    if (!sameRefs(next, old)) {
      try {
        client
            .resources(CronJob.class)
            .inNamespace(cj.metadata().namespace())
            .updateStatus(cj.withStatus(next));
      } catch (ConflictException e) {
        return Result.requeueWithBackoff();
      }
    }
    return result;
  }

  /** Compares statuses ignoring the jobs' resource versions. */
  private static boolean sameRefs(CronJobStatus a, CronJobStatus b) {
    if (!java.util.Objects.equals(a.lastScheduleTime(), b.lastScheduleTime())
        || !java.util.Objects.equals(a.lastSuccessfulTime(), b.lastSuccessfulTime())
        || a.active().size() != b.active().size()) {
      return false;
    }
    for (int i = 0; i < a.active().size(); i++) {
      if (!a.active().get(i).uid().equals(b.active().get(i).uid())) {
        return false;
      }
    }
    return true;
  }

  /** The latest schedule time in {@code (earliest, now]}, or null. */
  private static Instant mostRecent(CronSchedule schedule, Instant earliest, Instant now) {
    Instant found = null;
    Instant t = schedule.next(earliest);
    for (int i = 0; t != null && !t.isAfter(now); i++) {
      found = t;
      if (i > 100_000) {
        break; // far too many missed runs; Kubernetes also only starts the latest
      }
      t = schedule.next(t);
    }
    return found;
  }

  /**
   * Starts the job for {@code scheduled} as concurrencyPolicy allows; true if it exists now (so the
   * schedule time counts as handled).
   */
  private boolean start(
      CronJob cj, CronJobSpec spec, Instant scheduled, Instant now, Map<String, Job> active) {
    String name = cj.metadata().name() + "-" + scheduled.getEpochSecond() / 60;
    for (Job j : active.values()) {
      if (j.metadata().name().equals(name)) {
        return true;
      }
    }
    String policy = spec.concurrencyPolicy() == null ? "Allow" : spec.concurrencyPolicy();
    if ("Forbid".equals(policy) && !active.isEmpty()) {
      return false;
    }
    if ("Replace".equals(policy)) {
      for (Job j : new ArrayList<>(active.values())) {
        deleteJob(cj, j);
        active.remove(j.metadata().uid());
      }
    }
    ObjectMeta t =
        spec.jobTemplate().metadata() == null
            ? ObjectMetaBuilder.builder().build()
            : spec.jobTemplate().metadata();
    Map<String, String> annotations = new LinkedHashMap<>(t.annotations());
    annotations.put(SCHEDULED_TIMESTAMP, scheduled.toString());
    Job job =
        new Job(
            null,
            null,
            ObjectMetaBuilder.builder()
                .name(name)
                .namespace(cj.metadata().namespace())
                .labels(t.labels())
                .annotations(annotations)
                .ownerReferences(List.of(ControllerRefs.of(cj)))
                .build(),
            spec.jobTemplate().spec(),
            null);
    try {
      Job created = client.resources(Job.class).inNamespace(cj.metadata().namespace()).create(job);
      active.put(created.metadata().uid(), created);
      this.created
          .computeIfAbsent(
              cj.metadata().namespace() + "/" + cj.metadata().name(),
              k -> new ConcurrentHashMap<>())
          .put(
              created.metadata().uid(),
              created.withMetadata(created.metadata().withCreationTimestamp(now)));
      events.normal(cj, "SuccessfulCreate", "Created job " + name);
    } catch (AlreadyExistsException e) {
      // made by an earlier pass the cache has not shown yet
    }
    return true;
  }

  /** Deletes the oldest finished jobs beyond {@code limit}. */
  private void prune(CronJob cj, List<Job> finished, Integer limit) {
    if (limit == null || finished.size() <= limit) {
      return;
    }
    finished.sort(
        Comparator.comparing(
            (Job j) ->
                j.status() != null && j.status().startTime() != null
                    ? j.status().startTime()
                    : j.metadata().creationTimestamp(),
            Comparator.nullsFirst(Comparator.naturalOrder())));
    for (int i = 0; i < finished.size() - limit; i++) {
      deleteJob(cj, finished.get(i));
    }
  }

  private void deleteJob(CronJob cj, Job j) {
    try {
      client
          .resources(Job.class)
          .inNamespace(j.metadata().namespace())
          .delete(
              j.metadata().name(),
              DeleteOptionsBuilder.builder().propagationPolicy("Background").build());
      events.normal(cj, "SuccessfulDelete", "Deleted job " + j.metadata().name());
    } catch (NotFoundException e) {
      // gone
    }
  }
}
