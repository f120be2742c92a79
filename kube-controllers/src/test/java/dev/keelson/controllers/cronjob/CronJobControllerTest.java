package dev.keelson.controllers.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.batch.v1.CronJob;
import dev.keelson.api.batch.v1.CronJobBuilder;
import dev.keelson.api.batch.v1.CronJobSpecBuilder;
import dev.keelson.api.batch.v1.CronJobStatus;
import dev.keelson.api.batch.v1.Job;
import dev.keelson.api.batch.v1.JobCondition;
import dev.keelson.api.batch.v1.JobSpecBuilder;
import dev.keelson.api.batch.v1.JobStatusBuilder;
import dev.keelson.api.batch.v1.JobTemplateSpec;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.InformerOptions;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.controllers.testing.Templates;
import dev.keelson.controllers.testing.WorkloadKubelet.Await;
import dev.keelson.testkit.KeelsonTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@KeelsonTest
class CronJobControllerTest {
  private static final String NS = "default";
  private FakeClock clock;
  private InformerFactory informers;
  private CronJobController controller;
  private Resources<CronJob> cronJobs;
  private Resources<Job> jobs;
  private Instant start;

  @BeforeEach
  void start(KubeClient client, FakeClock clock) {
    this.clock = clock;
    // The server stamps creationTimestamp with real time: start the fake clock after it, on a
    // minute boundary.
    start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
    clock.set(start);
    informers = InformerFactory.create(client, clock, InformerOptions.defaults());
    controller = new CronJobController(client, informers, clock);
    informers.start();
    controller.start();
    cronJobs = client.resources(CronJob.class).inNamespace(NS);
    jobs = client.resources(Job.class).inNamespace(NS);
  }

  @AfterEach
  void stop() {
    controller.close();
    informers.close();
  }

  private void create(String name, UnaryOperator<CronJobSpecBuilder> spec) {
    PodTemplateSpec t = Templates.pod(name, "busybox:1");
    JobTemplateSpec jt =
        new JobTemplateSpec(
            ObjectMetaBuilder.builder().labels(Map.of("cron", name)).build(),
            JobSpecBuilder.builder()
                .template(t.withSpec(t.spec().withRestartPolicy("Never")))
                .build());
    cronJobs.create(
        CronJobBuilder.builder()
            .metadata(ObjectMetaBuilder.builder().name(name).namespace(NS).build())
            .spec(
                spec.apply(CronJobSpecBuilder.builder().schedule("* * * * *").jobTemplate(jt))
                    .build())
            .build());
  }

  private String jobName(String cron, Instant scheduled) {
    return cron + "-" + scheduled.getEpochSecond() / 60;
  }

  private Job awaitJob(String name) {
    return Await.until(
        "job " + name,
        () -> {
          try {
            Job j = jobs.get(name);
            return j.metadata().deletionTimestamp() == null ? j : null;
          } catch (NotFoundException e) {
            return null;
          }
        });
  }

  private boolean exists(String name) {
    try {
      return jobs.get(name).metadata().deletionTimestamp() == null;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private void complete(String name) {
    Job j = jobs.get(name);
    Instant now = clock.instant();
    jobs.updateStatus(
        j.withStatus(
            JobStatusBuilder.builder()
                .startTime(now)
                .completionTime(now)
                .succeeded(1)
                .conditions(
                    List.of(
                        new JobCondition(
                            "SuccessCriteriaMet", "True", now, now, "CompletionsReached", null),
                        new JobCondition("Complete", "True", now, now, "CompletionsReached", null)))
                .build()));
  }

  private CronJobStatus awaitStatus(String name, java.util.function.Predicate<CronJobStatus> t) {
    return Await.until(
        "status of " + name, () -> cronJobs.get(name).status(), s -> s != null && t.test(s));
  }

  @Test
  void createsAJobForEachScheduleTime() {
    create("tick", b -> b);
    Job first = awaitJob(jobName("tick", start));
    assertThat(first.metadata().labels()).containsEntry("cron", "tick");
    assertThat(first.metadata().annotations())
        .containsEntry(CronJobReconciler.SCHEDULED_TIMESTAMP, start.toString());
    assertThat(first.metadata().controllerReference().kind()).isEqualTo("CronJob");
    CronJobStatus s = awaitStatus("tick", st -> st.active().size() == 1);
    assertThat(s.lastScheduleTime()).isEqualTo(start);

    clock.advance(Duration.ofSeconds(60));
    awaitJob(jobName("tick", start.plusSeconds(60)));
    assertThat(awaitStatus("tick", st -> st.active().size() == 2).lastScheduleTime())
        .isEqualTo(start.plusSeconds(60));
  }

  @Test
  void forbidWaitsForTheActiveJob() {
    create("single", b -> b.concurrencyPolicy("Forbid"));
    awaitJob(jobName("single", start));
    clock.advance(Duration.ofSeconds(60));
    Await.stays(
        "no second job",
        () -> exists(jobName("single", start.plusSeconds(60))),
        e -> !e,
        Duration.ofMillis(400));
    complete(jobName("single", start));
    awaitJob(jobName("single", start.plusSeconds(60)));
    CronJobStatus s =
        awaitStatus("single", st -> st.lastSuccessfulTime() != null && st.active().size() == 1);
    assertThat(s.lastSuccessfulTime()).isEqualTo(start.plusSeconds(60));
  }

  @Test
  void startingDeadlineSkipsRunsThatAreTooLate() {
    create("strict", b -> b.concurrencyPolicy("Forbid").startingDeadlineSeconds(10L));
    awaitJob(jobName("strict", start));
    clock.advance(Duration.ofSeconds(90)); // the run at +60 s is blocked, then too late
    complete(jobName("strict", start));
    awaitStatus("strict", st -> st.active().isEmpty());
    Await.stays(
        "no late job",
        () -> exists(jobName("strict", start.plusSeconds(60))),
        e -> !e,
        Duration.ofMillis(400));
    clock.advance(Duration.ofSeconds(30));
    awaitJob(jobName("strict", start.plusSeconds(120)));
  }

  @Test
  void replaceDeletesTheActiveJob() {
    create("fresh", b -> b.concurrencyPolicy("Replace"));
    awaitJob(jobName("fresh", start));
    clock.advance(Duration.ofSeconds(60));
    awaitJob(jobName("fresh", start.plusSeconds(60)));
    Await.until("first job deleted", () -> exists(jobName("fresh", start)) ? null : true);
  }

  @Test
  void keepsOnlyTheSuccessfulHistoryLimit() {
    create("hist", b -> b.successfulJobsHistoryLimit(1));
    awaitJob(jobName("hist", start));
    complete(jobName("hist", start));
    clock.advance(Duration.ofSeconds(60));
    awaitJob(jobName("hist", start.plusSeconds(60)));
    complete(jobName("hist", start.plusSeconds(60)));
    Await.until("oldest job deleted", () -> exists(jobName("hist", start)) ? null : true);
    assertThat(exists(jobName("hist", start.plusSeconds(60)))).isTrue();
  }

  @Test
  void suspendedCronJobStartsNothing() {
    create("off", b -> b.suspend(true));
    clock.advance(Duration.ofSeconds(60));
    Await.stays(
        "no job",
        () ->
            jobs.list(dev.keelson.client.ListOptions.builder().labelSelector("cron=off").build())
                .items()
                .size(),
        n -> n == 0,
        Duration.ofMillis(400));
  }
}
