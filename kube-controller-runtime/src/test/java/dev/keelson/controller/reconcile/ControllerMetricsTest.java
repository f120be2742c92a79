package dev.keelson.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.controller.queue.InMemoryQueueMetrics;
import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ControllerMetricsTest {
  private final FakeClock clock = new FakeClock();
  private final ManualSource<ConfigMap> maps = new ManualSource<>();
  private final InMemoryControllerMetrics metrics = new InMemoryControllerMetrics();

  private static ConfigMap cm(String name) {
    return new ConfigMap("v1", "ConfigMap", ObjectMeta.named("ns", name), null, Map.of(), null);
  }

  @Test
  void everyOutcomeIsCountedUnderControllerRuntimesNamesAndLabels() throws Exception {
    Reconciler r =
        req ->
            switch (req.name()) {
              case "ok" -> {
                clock.advance(Duration.ofMillis(30)); // the reconcile "takes" 30 ms
                yield Result.done();
              }
              case "later" -> Result.requeueAfter(Duration.ofHours(1));
              case "again" -> throw new IllegalStateException("boom");
              case "never" -> throw new TerminalException("bad spec");
              default -> Result.done();
            };
    Controller c =
        Controller.builder("maps", r)
            .clock(clock)
            .workers(1) // one at a time, in order: only "ok" sees the clock move
            .forResource(maps)
            .metrics(metrics)
            .build();
    assertThat(metrics.stats("maps").maxConcurrentReconciles()).isEqualTo(1);
    c.start();
    try {
      maps.add(cm("ok"));
      maps.add(cm("later"));
      maps.add(cm("again"));
      maps.add(cm("never"));
      await(() -> metrics.stats("maps").reconciles() == 4);
      InMemoryControllerMetrics.Stats s = metrics.stats("maps");
      assertThat(s.totalByResult())
          .containsEntry("success", 1L)
          .containsEntry("requeue_after", 1L)
          .containsEntry("error", 2L)
          .containsEntry("requeue", 0L);
      assertThat(s.errors()).isEqualTo(2);
      assertThat(s.terminalErrors()).isEqualTo(1);
      assertThat(s.secondsSum()).isGreaterThanOrEqualTo(0.03);
      await(() -> metrics.stats("maps").activeWorkers() == 0);

      String text = metrics.prometheusText();
      assertThat(text)
          .contains("# TYPE controller_runtime_reconcile_total counter\n")
          .contains(
              "controller_runtime_reconcile_total{controller=\"maps\",result=\"success\"} 1\n")
          .contains("controller_runtime_reconcile_total{controller=\"maps\",result=\"error\"} 2\n")
          .contains(
              "controller_runtime_reconcile_total{controller=\"maps\",result=\"requeue_after\"} 1\n")
          .contains("controller_runtime_reconcile_errors_total{controller=\"maps\"} 2\n")
          .contains("controller_runtime_terminal_reconcile_errors_total{controller=\"maps\"} 1\n")
          .contains("controller_runtime_max_concurrent_reconciles{controller=\"maps\"} 1\n")
          .contains("controller_runtime_active_workers{controller=\"maps\"} 0\n")
          .contains("# TYPE controller_runtime_reconcile_time_seconds histogram\n")
          .contains(
              "controller_runtime_reconcile_time_seconds_bucket{controller=\"maps\",le=\"0.025\"} 3\n")
          .contains(
              "controller_runtime_reconcile_time_seconds_bucket{controller=\"maps\",le=\"0.05\"} 4\n")
          .contains(
              "controller_runtime_reconcile_time_seconds_bucket{controller=\"maps\",le=\"+Inf\"} 4\n")
          .contains("controller_runtime_reconcile_time_seconds_count{controller=\"maps\"} 4\n");
    } finally {
      c.close();
    }
  }

  @Test
  void activeWorkersCountsReconcilesInProgress() throws Exception {
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    InMemoryQueueMetrics queues = new InMemoryQueueMetrics();
    Controller c =
        Controller.builder(
                "slow",
                req -> {
                  entered.countDown();
                  release.await();
                  return Result.done();
                })
            .clock(clock)
            .workers(2)
            .forResource(maps)
            .metrics(metrics)
            .queueMetrics(queues)
            .build();
    c.start();
    try {
      maps.add(cm("a"));
      maps.add(cm("b"));
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(metrics.stats("slow").activeWorkers()).isEqualTo(2);
      assertThat(queues.prometheusText()).contains("workqueue_adds_total{name=\"slow\"} 2\n");
      release.countDown();
      await(() -> metrics.stats("slow").activeWorkers() == 0);
    } finally {
      release.countDown();
      c.close();
    }
  }

  private static void await(BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }
}
