package dev.keelson.controllers.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.batch.v1.Job;
import dev.keelson.api.batch.v1.JobBuilder;
import dev.keelson.api.batch.v1.JobCondition;
import dev.keelson.api.batch.v1.JobSpecBuilder;
import dev.keelson.api.batch.v1.JobStatus;
import dev.keelson.api.core.v1.EnvVar;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.InformerOptions;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.controllers.testing.Templates;
import dev.keelson.controllers.testing.WorkloadKubelet;
import dev.keelson.controllers.testing.WorkloadKubelet.Await;
import dev.keelson.testkit.KeelsonTest;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@KeelsonTest
class JobControllerTest {
  private static final String NS = "default";
  private KubeClient client;
  private FakeClock clock;
  private InformerFactory informers;
  private JobController controller;
  private WorkloadKubelet kubelet;
  private Resources<Job> jobs;

  @BeforeEach
  void start(KubeClient client, FakeClock clock) {
    this.client = client;
    this.clock = clock;
    informers = InformerFactory.create(client, clock, InformerOptions.defaults());
    controller = new JobController(client, informers, clock);
    informers.start();
    controller.start();
    kubelet = new WorkloadKubelet(client, NS, clock);
    jobs = client.resources(Job.class).inNamespace(NS);
  }

  @AfterEach
  void stop() {
    controller.close();
    informers.close();
  }

  private static PodTemplateSpec template(String name) {
    PodTemplateSpec t = Templates.pod(name, "busybox:1");
    return t.withSpec(t.spec().withRestartPolicy("Never"));
  }

  private Job create(String name, UnaryOperator<JobSpecBuilder> spec) {
    return jobs.create(
        JobBuilder.builder()
            .metadata(ObjectMetaBuilder.builder().name(name).namespace(NS).build())
            .spec(spec.apply(JobSpecBuilder.builder().template(template(name))).build())
            .build());
  }

  /** The job's pods that are neither finished nor being deleted. */
  private List<Pod> running(String job) {
    return kubelet.list("batch.kubernetes.io/job-name=" + job).stream()
        .filter(p -> p.metadata().deletionTimestamp() == null)
        .filter(
            p -> !"Succeeded".equals(p.status().phase()) && !"Failed".equals(p.status().phase()))
        .toList();
  }

  private List<Pod> awaitRunning(String job, int count) {
    return Await.until(
        "" + count + " active pods of " + job, () -> running(job), l -> l.size() == count);
  }

  private JobStatus awaitStatus(String job, Predicate<JobStatus> test) {
    return Await.until(
        "status of " + job, () -> jobs.get(job).status(), s -> s != null && test.test(s));
  }

  private static Predicate<JobStatus> has(String type) {
    return s -> JobConditions.isTrue(s.conditions(), type);
  }

  @Test
  void nonIndexedJobRunsUntilCompletionsSucceed() {
    Job job = create("batch", b -> b.completions(3).parallelism(2));
    List<Pod> first = awaitRunning("batch", 2);
    Pod p = first.get(0);
    assertThat(p.metadata().finalizers()).contains(JobPods.TRACKING_FINALIZER);
    assertThat(p.metadata().labels())
        .containsEntry(JobPods.JOB_NAME_LABEL, "batch")
        .containsEntry(JobPods.CONTROLLER_UID_LABEL, job.metadata().uid());
    assertThat(p.metadata().controllerReference().uid()).isEqualTo(job.metadata().uid());
    assertThat(p.metadata().generateName()).isEqualTo("batch-");

    kubelet.runReady(p.metadata().name());
    awaitStatus(
        "batch",
        s -> Integer.valueOf(2).equals(s.active()) && Integer.valueOf(1).equals(s.ready()));
    JobStatus started = jobs.get("batch").status();
    assertThat(started.startTime()).isEqualTo(clock.instant());

    for (Pod pod : first) {
      kubelet.succeed(pod.metadata().name());
    }
    List<Pod> third = awaitRunning("batch", 1);
    awaitStatus("batch", s -> Integer.valueOf(2).equals(s.succeeded()));
    kubelet.succeed(third.get(0).metadata().name());

    JobStatus done = awaitStatus("batch", has(JobConditions.COMPLETE));
    assertThat(done.succeeded()).isEqualTo(3);
    assertThat(done.failed()).isZero();
    assertThat(done.active()).isZero();
    assertThat(done.completionTime()).isNotNull();
    assertThat(done.uncountedTerminatedPods().succeeded()).isEmpty();
    JobCondition criteria =
        JobConditions.find(done.conditions(), JobConditions.SUCCESS_CRITERIA_MET);
    JobCondition complete = JobConditions.find(done.conditions(), JobConditions.COMPLETE);
    assertThat(criteria.reason()).isEqualTo("CompletionsReached");
    assertThat(complete.reason()).isEqualTo("CompletionsReached");
    assertThat(complete.message()).isEqualTo("Reached expected number of succeeded pods");
    Await.until(
        "Completed event",
        () ->
            client
                .resources(dev.keelson.api.core.v1.Event.class)
                .inNamespace(NS)
                .list(dev.keelson.client.ListOptions.none())
                .items()
                .stream()
                .filter(e -> "batch".equals(e.involvedObject().name()))
                .map(dev.keelson.api.core.v1.Event::reason)
                .toList(),
        reasons -> reasons.contains("Completed") && reasons.contains("SuccessfulCreate"));
    Await.until(
        "finalizers removed",
        () -> kubelet.list("batch.kubernetes.io/job-name=batch"),
        l -> l.size() == 3 && l.stream().noneMatch(JobPods::tracked));
  }

  @Test
  void failedPodsAreReplacedAfterADoublingBackoffUntilTheLimit() {
    create("flaky", b -> b.backoffLimit(2));
    Pod first = awaitRunning("flaky", 1).get(0);
    kubelet.fail(first.metadata().name());
    awaitStatus("flaky", s -> Integer.valueOf(1).equals(s.failed()));
    // 10 s after the first failure
    Await.stays(
        "no pod during backoff",
        () -> running("flaky").size(),
        n -> n == 0,
        Duration.ofMillis(300));
    clock.advance(Duration.ofSeconds(9));
    Await.stays(
        "no pod during backoff",
        () -> running("flaky").size(),
        n -> n == 0,
        Duration.ofMillis(200));
    clock.advance(Duration.ofSeconds(1));
    Pod second = awaitRunning("flaky", 1).get(0);

    kubelet.fail(second.metadata().name());
    awaitStatus("flaky", s -> Integer.valueOf(2).equals(s.failed()));
    clock.advance(Duration.ofSeconds(10));
    Await.stays(
        "20 s after the second failure",
        () -> running("flaky").size(),
        n -> n == 0,
        Duration.ofMillis(300));
    clock.advance(Duration.ofSeconds(10));
    Pod third = awaitRunning("flaky", 1).get(0);

    kubelet.fail(third.metadata().name());
    JobStatus failed = awaitStatus("flaky", has(JobConditions.FAILED));
    assertThat(failed.failed()).isEqualTo(3);
    JobCondition target = JobConditions.find(failed.conditions(), JobConditions.FAILURE_TARGET);
    JobCondition condition = JobConditions.find(failed.conditions(), JobConditions.FAILED);
    assertThat(target.reason()).isEqualTo("BackoffLimitExceeded");
    assertThat(condition.reason()).isEqualTo("BackoffLimitExceeded");
    assertThat(condition.message()).isEqualTo("Job has reached the specified backoff limit");
    assertThat(failed.completionTime()).isNull();
    assertThat(running("flaky")).isEmpty();
  }

  @Test
  void activeDeadlineFailsTheJobAndDeletesItsPods() {
    create("slow", b -> b.activeDeadlineSeconds(30L).parallelism(2).completions(2));
    awaitRunning("slow", 2);
    awaitStatus("slow", s -> s.startTime() != null);
    clock.advance(Duration.ofSeconds(29));
    Await.stays(
        "before the deadline", () -> running("slow").size(), n -> n == 2, Duration.ofMillis(200));
    clock.advance(Duration.ofSeconds(1));
    JobStatus failed = awaitStatus("slow", has(JobConditions.FAILED));
    JobCondition c = JobConditions.find(failed.conditions(), JobConditions.FAILED);
    assertThat(c.reason()).isEqualTo("DeadlineExceeded");
    assertThat(c.message()).isEqualTo("Job was active longer than specified deadline");
    assertThat(failed.active()).isZero();
    assertThat(failed.failed()).isEqualTo(2);
    Await.until(
        "pods deleted", () -> kubelet.list("batch.kubernetes.io/job-name=slow"), List::isEmpty);
  }

  @Test
  void indexedJobRunsEachIndexOnce() {
    create("idx", b -> b.completions(3).parallelism(3).completionMode("Indexed"));
    List<Pod> pods = awaitRunning("idx", 3);
    assertThat(pods).extracting(JobPods::index).containsExactlyInAnyOrder(0, 1, 2);
    Pod zero = pods.stream().filter(p -> JobPods.index(p) == 0).findFirst().orElseThrow();
    assertThat(zero.spec().hostname()).isEqualTo("idx-0");
    assertThat(zero.metadata().labels()).containsEntry(JobPods.COMPLETION_INDEX, "0");
    assertThat(zero.metadata().annotations()).containsEntry(JobPods.COMPLETION_INDEX, "0");
    assertThat(zero.metadata().generateName()).isEqualTo("idx-0-");
    assertThat(zero.spec().containers().get(0).env())
        .extracting(EnvVar::name)
        .contains(JobPods.INDEX_ENV);

    Pod one = pods.stream().filter(p -> JobPods.index(p) == 1).findFirst().orElseThrow();
    kubelet.succeed(one.metadata().name());
    awaitStatus("idx", s -> "1".equals(s.completedIndexes()));
    kubelet.fail(zero.metadata().name());
    awaitStatus("idx", s -> Integer.valueOf(1).equals(s.failed()));
    clock.advance(Duration.ofSeconds(10));
    List<Pod> again = awaitRunning("idx", 2);
    assertThat(again).extracting(JobPods::index).containsExactlyInAnyOrder(0, 2);
    for (Pod p : again) {
      kubelet.succeed(p.metadata().name());
    }
    JobStatus done = awaitStatus("idx", has(JobConditions.COMPLETE));
    assertThat(done.completedIndexes()).isEqualTo("0-2");
    assertThat(done.succeeded()).isEqualTo(3);
    assertThat(done.failed()).isEqualTo(1);
  }

  @Test
  void suspendedJobRunsNoPodsUntilResumed() {
    create("later", b -> b.suspend(true).parallelism(2).completions(2));
    JobStatus s = awaitStatus("later", has(JobConditions.SUSPENDED));
    assertThat(JobConditions.find(s.conditions(), JobConditions.SUSPENDED).reason())
        .isEqualTo("JobSuspended");
    assertThat(s.startTime()).isNull();
    assertThat(running("later")).isEmpty();

    for (int i = 0; ; i++) {
      Job j = jobs.get("later");
      try {
        jobs.update(j.withSpec(j.spec().withSuspend(false)));
        break;
      } catch (dev.keelson.api.errors.ConflictException e) {
        if (i > 10) {
          throw e;
        }
      }
    }
    awaitRunning("later", 2);
    JobStatus resumed =
        awaitStatus("later", st -> !JobConditions.isTrue(st.conditions(), JobConditions.SUSPENDED));
    JobCondition c = JobConditions.find(resumed.conditions(), JobConditions.SUSPENDED);
    assertThat(c.status()).isEqualTo("False");
    assertThat(c.reason()).isEqualTo("JobResumed");
    assertThat(resumed.startTime()).isNotNull();
  }

  @Test
  void jobWithoutCompletionsCompletesWhenOnePodSucceededAndTheRestFinished() {
    create("queue", b -> b.parallelism(2));
    List<Pod> pods = awaitRunning("queue", 2);
    kubelet.succeed(pods.get(0).metadata().name());
    awaitStatus("queue", s -> Integer.valueOf(1).equals(s.succeeded()));
    Await.stays(
        "no replacement", () -> running("queue").size(), n -> n == 1, Duration.ofMillis(300));
    assertThat(
            JobConditions.isTrue(jobs.get("queue").status().conditions(), JobConditions.COMPLETE))
        .isFalse();
    kubelet.succeed(pods.get(1).metadata().name());
    assertThat(awaitStatus("queue", has(JobConditions.COMPLETE)).succeeded()).isEqualTo(2);
  }

  @Test
  void finishedJobIsDeletedAfterItsTtl() {
    create("short", b -> b.ttlSecondsAfterFinished(60));
    kubelet.succeed(awaitRunning("short", 1).get(0).metadata().name());
    awaitStatus("short", has(JobConditions.COMPLETE));
    clock.advance(Duration.ofSeconds(59));
    Await.stays(
        "kept before the ttl",
        () -> jobs.get("short").metadata().deletionTimestamp(),
        t -> t == null,
        Duration.ofMillis(200));
    clock.advance(Duration.ofSeconds(1));
    Await.until(
        "job deleted",
        () -> {
          try {
            return jobs.get("short").metadata().deletionTimestamp() != null ? Boolean.TRUE : null;
          } catch (NotFoundException e) {
            return Boolean.TRUE;
          }
        });
  }

  @Test
  void completedIndexesNotation() {
    assertThat(CompletedIndexes.format(List.of(5, 1, 2, 3, 7))).isEqualTo("1-3,5,7");
    assertThat(CompletedIndexes.format(List.of())).isEmpty();
    assertThat(CompletedIndexes.parse("1-3,5,7", 6)).containsExactly(1, 2, 3, 5);
  }
}
