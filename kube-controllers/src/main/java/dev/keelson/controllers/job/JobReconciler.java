package dev.keelson.controllers.job;

import dev.keelson.api.batch.v1.Job;
import dev.keelson.api.batch.v1.JobCondition;
import dev.keelson.api.batch.v1.JobSpec;
import dev.keelson.api.batch.v1.JobStatus;
import dev.keelson.api.batch.v1.JobStatusBuilder;
import dev.keelson.api.batch.v1.UncountedTerminatedPods;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.DeleteOptionsBuilder;
import dev.keelson.api.meta.Preconditions;
import dev.keelson.api.selector.Selector;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.events.EventRecorder;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Reconciler;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.PendingPods;
import dev.keelson.controllers.support.PodClaims;
import dev.keelson.controllers.support.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** One pass of the Job controller over one job (Kubernetes' {@code syncJob}). */
final class JobReconciler implements Reconciler {
  /** The first delay after a pod failure; it doubles per further failure. */
  static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);

  /** The longest delay after pod failures (Kubernetes' {@code MaxJobPodFailureBackOff}). */
  static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

  /** At most this many pods are created or deleted per pass. */
  static final int MAX_WRITES_PER_PASS = 500;

  private static final String CONTROLLER_NAME = "kubernetes.io/job-controller";

  /** Failures since the last success, and when the last one happened. */
  private record Backoff(int failures, Instant lastFailure) {}

  private final KubeClient client;
  private final EventRecorder events;
  private final SharedInformer<Job> jobs;
  private final SharedInformer<Pod> pods;
  private final Clock clock;
  private final PendingPods pending;
  private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();

  /**
   * Per job, the uids whose tracking finalizer this controller removed (and counted) while the pod
   * cache may still show it (Kubernetes' finalizer expectations): such pods are not counted again.
   */
  private final Map<String, Map<String, Instant>> uncached = new ConcurrentHashMap<>();

  JobReconciler(
      KubeClient client,
      EventRecorder events,
      SharedInformer<Job> jobs,
      SharedInformer<Pod> pods,
      Clock clock) {
    this.client = client;
    this.events = events;
    this.jobs = jobs;
    this.pods = pods;
    this.clock = clock;
    this.pending = new PendingPods(clock);
  }

  @Override
  public Result reconcile(Request request) {
    String key = request.toString();
    Job job = jobs.indexer().get(request.namespace(), request.name()).orElse(null);
    if (job == null) {
      pending.forget(key);
      backoffs.remove(key);
      uncached.remove(key);
      return Result.done();
    }
    // The status is read fresh: counts must never lag the pod cache, which shows the finalizers
    // this controller removed only after it stored the counts.
    try {
      job = client.resources(Job.class).inNamespace(request.namespace()).get(request.name());
    } catch (NotFoundException e) {
      return Result.done();
    }
    JobSpec spec = job.spec();
    if (spec == null
        || job.metadata().deletionTimestamp() != null
        || (spec.managedBy() != null && !CONTROLLER_NAME.equals(spec.managedBy()))) {
      return Result.done();
    }
    Selector selector = Selector.fromLabelSelector(spec.selector());
    if (selector.isEverything() || selector.isNothing()) {
      return Result.done();
    }
    List<Pod> owned = pending.view(key, PodClaims.claim(client, pods, job, selector));
    JobStatus status = job.status() == null ? JobStatusBuilder.builder().build() : job.status();
    Instant now = clock.instant();
    if (JobConditions.finished(status.conditions())) {
      for (Pod p : owned) {
        if (JobPods.tracked(p)) {
          removeFinalizer(job, p);
        }
      }
      return ttl(job, status, now);
    }
    try {
      return new Pass(key, job, owned, now).run();
    } catch (ConflictException e) {
      return Result.requeueWithBackoff(); // the job changed; its newer version is on its way
    }
  }

  /** Deletes a finished job once ttlSecondsAfterFinished have passed since it finished. */
  private Result ttl(Job job, JobStatus status, Instant now) {
    Integer ttl = job.spec().ttlSecondsAfterFinished();
    if (ttl == null) {
      return Result.done();
    }
    Instant finished = status.completionTime();
    if (finished == null) {
      JobCondition c = JobConditions.find(status.conditions(), JobConditions.FAILED);
      if (c == null || !"True".equals(c.status())) {
        c = JobConditions.find(status.conditions(), JobConditions.COMPLETE);
      }
      finished = c == null ? now : c.lastTransitionTime();
    }
    Instant expiry = finished.plusSeconds(ttl);
    if (now.isBefore(expiry)) {
      return Result.requeueAfter(Duration.between(now, expiry));
    }
    try {
      client
          .resources(Job.class)
          .inNamespace(job.metadata().namespace())
          .delete(
              job.metadata().name(),
              DeleteOptionsBuilder.builder()
                  .propagationPolicy("Foreground")
                  .preconditions(new Preconditions(job.metadata().uid(), null))
                  .build());
    } catch (NotFoundException | ConflictException e) {
      // gone, or another job of that name now
    }
    return Result.done();
  }

  private void removeFinalizer(Job job, Pod pod) {
    Resources<Pod> api = client.resources(Pod.class).inNamespace(job.metadata().namespace());
    for (int attempt = 0; ; attempt++) {
      try {
        Pod fresh = api.get(pod.metadata().name());
        if (!fresh.metadata().uid().equals(pod.metadata().uid()) || !JobPods.tracked(fresh)) {
          return;
        }
        List<String> finalizers = new ArrayList<>(fresh.metadata().finalizers());
        finalizers.remove(JobPods.TRACKING_FINALIZER);
        api.update(fresh.withMetadata(fresh.metadata().withFinalizers(finalizers)));
        return;
      } catch (NotFoundException e) {
        return;
      } catch (ConflictException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  /** The state of one reconcile of one job. */
  private final class Pass {
    final String key;
    Job job;
    final JobSpec spec;
    final List<Pod> pods;
    final Instant now;
    final boolean indexed;
    final int completionsOrZero;
    JobStatus status;
    int succeeded;
    int failed;
    TreeSet<Integer> completed;
    Duration requeue;
    final JobStatus originalStatus;
    Instant lastSuccess;
    List<Instant> newFailures = List.of();

    Pass(String key, Job job, List<Pod> pods, Instant now) {
      this.key = key;
      this.job = job;
      this.spec = job.spec();
      this.pods = pods;
      this.now = now;
      this.status = job.status() == null ? JobStatusBuilder.builder().build() : job.status();
      this.originalStatus = job.status();
      this.indexed = "Indexed".equals(spec.completionMode());
      this.completionsOrZero = spec.completions() == null ? 0 : spec.completions();
      this.succeeded = status.succeeded() == null ? 0 : status.succeeded();
      this.failed = status.failed() == null ? 0 : status.failed();
      this.completed = CompletedIndexes.parse(status.completedIndexes(), completionsOrZero);
    }

    Result run() {
      Set<String> cleared = track();
      List<Pod> active = new ArrayList<>();
      int ready = 0;
      int terminating = 0;
      boolean trackedLeft = false;
      for (Pod p : pods) {
        if (Pods.isActive(p)) {
          active.add(p);
          if (Pods.isReady(p)) {
            ready++;
          }
        } else if (Pods.isTerminating(p) && !Pods.isTerminal(p)) {
          terminating++;
        }
        if (JobPods.tracked(p) && !Pods.isActive(p) && !cleared.contains(p.metadata().uid())) {
          trackedLeft = true;
        }
      }
      List<JobCondition> conditions = status.conditions();
      Instant startTime = status.startTime();
      Instant completionTime = status.completionTime();
      boolean suspended = Boolean.TRUE.equals(spec.suspend());
      if (suspended) {
        conditions =
            JobConditions.set(
                conditions, JobConditions.SUSPENDED, "True", "JobSuspended", "Job suspended", now);
        startTime = null;
      } else {
        if (JobConditions.isTrue(conditions, JobConditions.SUSPENDED)) {
          conditions =
              JobConditions.set(
                  conditions, JobConditions.SUSPENDED, "False", "JobResumed", "Job resumed", now);
          startTime = now;
        }
        if (startTime == null) {
          startTime = now;
        }
      }
      boolean failing = JobConditions.isTrue(conditions, JobConditions.FAILURE_TARGET);
      boolean succeeding = JobConditions.isTrue(conditions, JobConditions.SUCCESS_CRITERIA_MET);
      if (!failing && !succeeding) {
        int backoffLimit = spec.backoffLimit() == null ? 6 : spec.backoffLimit();
        Long deadline = spec.activeDeadlineSeconds();
        if (failed > backoffLimit) {
          conditions = target(conditions, JobConditions.BACKOFF_LIMIT_EXCEEDED);
          failing = true;
        } else if (!suspended && deadline != null && startTime != null) {
          Instant end = startTime.plusSeconds(deadline);
          if (!now.isBefore(end)) {
            conditions = target(conditions, JobConditions.DEADLINE_EXCEEDED);
            failing = true;
          } else {
            requeueIn(Duration.between(now, end));
          }
        }
        if (!failing && successCriteriaMet(active.size())) {
          conditions =
              JobConditions.set(
                  conditions,
                  JobConditions.SUCCESS_CRITERIA_MET,
                  "True",
                  JobConditions.COMPLETIONS_REACHED,
                  JobConditions.COMPLETIONS_MESSAGE,
                  now);
          succeeding = true;
        }
      }
      int activeCount = active.size();
      if (failing || succeeding || suspended) {
        for (Pod p : active) {
          delete(p);
        }
        activeCount = 0;
        ready = 0;
        boolean drained = active.isEmpty() && !trackedLeft && uncountedEmpty();
        if (drained && failing) {
          JobCondition t = JobConditions.find(conditions, JobConditions.FAILURE_TARGET);
          conditions =
              JobConditions.set(
                  conditions, JobConditions.FAILED, "True", t.reason(), t.message(), now);
        } else if (drained && succeeding) {
          conditions =
              JobConditions.set(
                  conditions,
                  JobConditions.COMPLETE,
                  "True",
                  JobConditions.COMPLETIONS_REACHED,
                  JobConditions.COMPLETIONS_MESSAGE,
                  now);
          completionTime = now;
        }
      } else {
        activeCount = manage(active);
      }
      JobStatus next =
          JobStatusBuilder.builder(status)
              .conditions(conditions)
              .startTime(startTime)
              .completionTime(completionTime)
              .active(activeCount)
              .ready(ready)
              .terminating(terminating)
              .succeeded(succeeded)
              .failed(failed)
              .completedIndexes(indexed ? CompletedIndexes.format(completed) : null)
              .build();
      writeStatus(next);
      announce(next);
      // Only once the counts are stored: a pass that lost a write race counts nothing.
      if (lastSuccess != null || !newFailures.isEmpty()) {
        backoffs.put(key, nextBackoff());
      }
      return requeue == null ? Result.done() : Result.requeueAfter(requeue);
    }

    /** Events for conditions this pass set (Kubernetes' Completed, BackoffLimitExceeded...). */
    private void announce(JobStatus next) {
      JobStatus before = originalStatus;
      List<JobCondition> old = before == null ? List.of() : before.conditions();
      if (newlyTrue(old, next, JobConditions.COMPLETE)) {
        events.normal(job, "Completed", "Job completed");
      }
      if (newlyTrue(old, next, JobConditions.FAILED)) {
        JobCondition c = JobConditions.find(next.conditions(), JobConditions.FAILED);
        events.warning(job, c.reason(), c.message());
      }
      if (newlyTrue(old, next, JobConditions.SUSPENDED)) {
        events.normal(job, "Suspended", "Job suspended");
      }
      if (JobConditions.isTrue(old, JobConditions.SUSPENDED)
          && !JobConditions.isTrue(next.conditions(), JobConditions.SUSPENDED)) {
        events.normal(job, "Resumed", "Job resumed");
      }
    }

    private boolean newlyTrue(List<JobCondition> old, JobStatus next, String type) {
      return !JobConditions.isTrue(old, type) && JobConditions.isTrue(next.conditions(), type);
    }

    private List<JobCondition> target(List<JobCondition> conditions, String reason) {
      String message =
          reason.equals(JobConditions.BACKOFF_LIMIT_EXCEEDED)
              ? JobConditions.BACKOFF_MESSAGE
              : JobConditions.DEADLINE_MESSAGE;
      return JobConditions.set(
          conditions, JobConditions.FAILURE_TARGET, "True", reason, message, now);
    }

    private boolean successCriteriaMet(int active) {
      if (indexed) {
        return completionsOrZero > 0 && completed.size() >= completionsOrZero;
      }
      if (spec.completions() == null) {
        return succeeded > 0 && active == 0;
      }
      return succeeded >= spec.completions();
    }

    private boolean uncountedEmpty() {
      UncountedTerminatedPods u = status.uncountedTerminatedPods();
      return u == null || (u.succeeded().isEmpty() && u.failed().isEmpty());
    }

    /**
     * Counts finished pods: records their uids in uncountedTerminatedPods, removes their tracking
     * finalizers, then moves them into succeeded/failed (and completedIndexes). Returns the uids
     * whose finalizer is gone.
     */
    private Set<String> track() {
      UncountedTerminatedPods u = status.uncountedTerminatedPods();
      Set<String> uncSucceeded = new LinkedHashSet<>(u == null ? List.of() : u.succeeded());
      Set<String> uncFailed = new LinkedHashSet<>(u == null ? List.of() : u.failed());
      Map<String, Pod> byUid = new HashMap<>();
      boolean added = false;
      Map<String, Instant> removed = uncached.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
      Map<String, Pod> cachedByUid = new HashMap<>();
      for (Pod p : pods) {
        cachedByUid.put(p.metadata().uid(), p);
      }
      removed
          .entrySet()
          .removeIf(
              e -> {
                Pod p = cachedByUid.get(e.getKey());
                return p == null
                    || !JobPods.tracked(p)
                    || !e.getValue().plus(PendingPods.TIMEOUT).isAfter(now);
              });
      for (Pod p : pods) {
        String uid = p.metadata().uid();
        byUid.put(uid, p);
        if (!JobPods.tracked(p)
            || removed.containsKey(uid)
            || uncSucceeded.contains(uid)
            || uncFailed.contains(uid)) {
          continue;
        }
        String phase = JobPods.phase(p);
        if ("Succeeded".equals(phase)) {
          added |= uncSucceeded.add(uid);
        } else if ("Failed".equals(phase) || Pods.isTerminating(p)) {
          added |= uncFailed.add(uid);
        }
      }
      if (added) {
        writeStatus(
            JobStatusBuilder.builder(status)
                .uncountedTerminatedPods(
                    new UncountedTerminatedPods(
                        new ArrayList<>(uncSucceeded), new ArrayList<>(uncFailed)))
                .build());
      }
      Set<String> cleared = new LinkedHashSet<>();
      for (String uid : concat(uncSucceeded, uncFailed)) {
        Pod p = byUid.get(uid);
        if (p != null && JobPods.tracked(p)) {
          removeFinalizer(job, p);
          removed.put(uid, now);
        }
        cleared.add(uid);
      }
      if (cleared.isEmpty()) {
        if (u == null) {
          status =
              JobStatusBuilder.builder(status)
                  .uncountedTerminatedPods(new UncountedTerminatedPods(List.of(), List.of()))
                  .build();
        }
        return cleared;
      }
      Instant lastSuccess = null;
      List<Instant> failures = new ArrayList<>();
      for (String uid : uncSucceeded) {
        succeeded++;
        Pod p = byUid.get(uid);
        if (p != null) {
          Instant at = JobPods.finishedAt(p, now);
          lastSuccess = lastSuccess == null || at.isAfter(lastSuccess) ? at : lastSuccess;
          int index = JobPods.index(p);
          if (indexed && index >= 0 && index < completionsOrZero) {
            completed.add(index);
          }
        }
      }
      for (String uid : uncFailed) {
        failed++;
        Pod p = byUid.get(uid);
        failures.add(p == null ? now : JobPods.finishedAt(p, now));
      }
      if (indexed) {
        succeeded = completed.size();
      }
      this.lastSuccess = lastSuccess;
      this.newFailures = failures;
      status =
          JobStatusBuilder.builder(status)
              .succeeded(succeeded)
              .failed(failed)
              .completedIndexes(indexed ? CompletedIndexes.format(completed) : null)
              .uncountedTerminatedPods(new UncountedTerminatedPods(List.of(), List.of()))
              .build();
      return cleared;
    }

    /** The backoff record with this pass's newly counted successes and failures. */
    private Backoff nextBackoff() {
      Backoff b = backoffs.getOrDefault(key, new Backoff(0, null));
      int count = lastSuccess == null ? b.failures() : 0;
      Instant last = lastSuccess == null ? b.lastFailure() : null;
      for (Instant f : newFailures) {
        if (lastSuccess == null || f.isAfter(lastSuccess)) {
          count++;
          last = last == null || f.isAfter(last) ? f : last;
        }
      }
      return new Backoff(count, last);
    }

    /** How long new pods must still wait after failures (10 s doubling, capped). */
    private Duration backoffRemaining() {
      Backoff b = nextBackoff();
      if (b.failures() == 0 || b.lastFailure() == null) {
        return Duration.ZERO;
      }
      Duration delay = DEFAULT_BACKOFF;
      for (int i = 1; i < b.failures() && delay.compareTo(MAX_BACKOFF) < 0; i++) {
        delay = delay.multipliedBy(2);
      }
      if (delay.compareTo(MAX_BACKOFF) > 0) {
        delay = MAX_BACKOFF;
      }
      Duration left = Duration.between(now, b.lastFailure().plus(delay));
      return left.isNegative() ? Duration.ZERO : left;
    }

    /** Creates or deletes pods toward parallelism; returns the active count after. */
    private int manage(List<Pod> active) {
      int parallelism = spec.parallelism() == null ? 1 : spec.parallelism();
      List<Integer> toCreate = new ArrayList<>();
      List<Pod> toDelete = new ArrayList<>();
      if (!indexed) {
        // Without completions, once a pod succeeded the others run out, none is added.
        int want =
            spec.completions() == null
                ? (succeeded > 0 ? active.size() : parallelism)
                : Math.max(0, Math.min(parallelism, spec.completions() - succeeded));
        if (active.size() > want) {
          List<Pod> sorted = new ArrayList<>(active);
          sorted.sort(DELETE_FIRST);
          toDelete.addAll(sorted.subList(0, active.size() - want));
        }
        for (int i = active.size(); i < want; i++) {
          toCreate.add(-1);
        }
      } else {
        TreeMap<Integer, Pod> byIndex = new TreeMap<>();
        List<Pod> sorted = new ArrayList<>(active);
        sorted.sort(DELETE_FIRST.reversed()); // keep the best pod of an index
        for (Pod p : sorted) {
          int i = JobPods.index(p);
          if (i < 0 || i >= completionsOrZero || completed.contains(i) || byIndex.containsKey(i)) {
            toDelete.add(p);
          } else {
            byIndex.put(i, p);
          }
        }
        while (byIndex.size() > parallelism) {
          toDelete.add(byIndex.pollLastEntry().getValue());
        }
        for (int i = 0;
            i < completionsOrZero && byIndex.size() + toCreate.size() < parallelism;
            i++) {
          if (!completed.contains(i) && !byIndex.containsKey(i)) {
            toCreate.add(i);
          }
        }
      }
      int writes = 0;
      for (Pod p : toDelete) {
        if (writes++ >= MAX_WRITES_PER_PASS) {
          requeueIn(Duration.ZERO);
          break;
        }
        delete(p);
      }
      int count = active.size() - Math.min(toDelete.size(), MAX_WRITES_PER_PASS);
      if (toCreate.isEmpty()) {
        return count;
      }
      Duration wait = backoffRemaining();
      if (!wait.isZero()) {
        requeueIn(wait);
        return count;
      }
      for (int index : toCreate) {
        if (writes++ >= MAX_WRITES_PER_PASS) {
          requeueIn(Duration.ZERO);
          break;
        }
        Pod created =
            client
                .resources(Pod.class)
                .inNamespace(job.metadata().namespace())
                .create(JobPods.newPod(job, index));
        pending.created(key, created);
        events.normal(job, "SuccessfulCreate", "Created pod: " + created.metadata().name());
        count++;
      }
      return count;
    }

    private void requeueIn(Duration d) {
      if (requeue == null || d.compareTo(requeue) < 0) {
        requeue = d;
      }
    }

    private void delete(Pod pod) {
      try {
        client
            .resources(Pod.class)
            .inNamespace(job.metadata().namespace())
            .delete(
                pod.metadata().name(),
                DeleteOptionsBuilder.builder()
                    .preconditions(new Preconditions(pod.metadata().uid(), null))
                    .build());
        events.normal(job, "SuccessfulDelete", "Deleted pod: " + pod.metadata().name());
      } catch (NotFoundException | ConflictException e) {
        // gone already
      }
      pending.deleted(key, pod);
    }

    private void writeStatus(JobStatus next) {
      if (next.equals(job.status())) {
        status = next;
        return;
      }
      job =
          client
              .resources(Job.class)
              .inNamespace(job.metadata().namespace())
              .updateStatus(job.withStatus(next));
      status = job.status() == null ? next : job.status();
    }
  }

  private static List<String> concat(Set<String> a, Set<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Pods to delete first: not ready before ready, then the newest. */
  private static final Comparator<Pod> DELETE_FIRST =
      Comparator.comparing((Pod p) -> Pods.isReady(p))
          .thenComparing(
              (Pod p) -> p.metadata().creationTimestamp(),
              Comparator.nullsFirst(Comparator.<Instant>naturalOrder()).reversed());
}
