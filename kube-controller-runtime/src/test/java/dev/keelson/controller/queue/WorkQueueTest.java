package dev.keelson.controller.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private final FakeClock clock = new FakeClock();
  private final InMemoryQueueMetrics metrics = new InMemoryQueueMetrics();
  private final WorkQueue<String> queue =
      WorkQueue.create(QueueOptions.defaults().withName("q").withClock(clock).withMetrics(metrics));

  @Test
  void anItemAddedTwiceWhileWaitingIsProcessedOnce() throws Exception {
    queue.add("a");
    queue.add("b");
    queue.add("a");
    assertThat(queue.len()).isEqualTo(2);
    assertThat(queue.get()).isEqualTo("a");
    assertThat(queue.get()).isEqualTo("b");
    assertThat(queue.get(Duration.ZERO)).isNull();
    assertThat(metrics.stats("q").adds()).isEqualTo(2);
  }

  @Test
  void anItemAddedWhileProcessingIsHandedOutAgainOnlyAfterDone() throws Exception {
    queue.add("a");
    assertThat(queue.get()).isEqualTo("a");
    queue.add("a");
    queue.add("a");
    assertThat(queue.len()).as("not handed to a second worker while processing").isZero();
    assertThat(queue.get(Duration.ZERO)).isNull();
    queue.done("a");
    assertThat(queue.len()).isEqualTo(1);
    assertThat(queue.get()).isEqualTo("a");
    queue.done("a");
    assertThat(queue.get(Duration.ZERO)).as("the two re-adds made one pass").isNull();
  }

  @Test
  void itemsAreHandedOutInTheOrderTheyFirstWaited() throws Exception {
    for (String s : new String[] {"c", "a", "b", "a", "c"}) {
      queue.add(s);
    }
    assertThat(new String[] {queue.get(), queue.get(), queue.get()}).containsExactly("c", "a", "b");
  }

  @Test
  void doneForAnItemNotProcessingDoesNothing() {
    queue.add("a");
    queue.done("a");
    queue.done("zzz");
    assertThat(queue.len()).isEqualTo(1);
  }

  @Test
  void afterShutDownAddsAreRefusedWaitingItemsAreStillHandedOutThenGetReturnsNull()
      throws Exception {
    queue.add("a");
    queue.shutDown();
    assertThat(queue.isShuttingDown()).isTrue();
    assertThat(queue.add("b")).isFalse();
    assertThat(queue.get()).isEqualTo("a");
    assertThat(queue.get()).isNull();
    assertThat(queue.get(Duration.ofSeconds(5))).isNull();
  }

  @Test
  void shutDownWakesBlockedWorkers() throws Exception {
    CompletableFuture<String> w1 = CompletableFuture.supplyAsync(this::getQuietly);
    CompletableFuture<String> w2 = CompletableFuture.supplyAsync(this::getQuietly);
    queue.shutDown();
    assertThat(w1.get(10, TimeUnit.SECONDS)).isNull();
    assertThat(w2.get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void timedGetGivesUpWhenNothingComes() throws Exception {
    long start = System.nanoTime();
    assertThat(queue.get(Duration.ofMillis(20))).isNull();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
    assertThat(queue.isShuttingDown()).isFalse();
  }

  @Test
  void aFullQueueRefusesNewItemsButStillAcceptsWaitingOnes() throws Exception {
    WorkQueue<String> small =
        WorkQueue.create(
            QueueOptions.defaults().withName("small").withMaxDepth(2).withMetrics(metrics));
    assertThat(small.add("a")).isTrue();
    assertThat(small.add("b")).isTrue();
    assertThat(small.add("c")).as("full: refused").isFalse();
    assertThat(small.add("a")).as("already waiting: a no-op").isTrue();
    assertThat(metrics.stats("small").rejected()).isEqualTo(1);
    assertThat(small.get()).isEqualTo("a");
    assertThat(small.add("c")).as("room again").isTrue();
    assertThat(small.add("a")).as("a is processing, not dirty: counts towards the bound").isFalse();
  }

  @Test
  void shutDownWithDrainWaitsUntilEveryHandedOutItemIsDone() throws Exception {
    queue.add("a");
    queue.add("b");
    assertThat(queue.get()).isEqualTo("a");
    CountDownLatch returned = new CountDownLatch(1);
    Thread drainer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    queue.shutDownWithDrain();
                    returned.countDown();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    awaitShuttingDown();
    assertThat(queue.add("c")).isFalse();
    queue.done("a");
    assertThat(returned.await(50, TimeUnit.MILLISECONDS)).as("b still waits").isFalse();
    assertThat(queue.get()).isEqualTo("b");
    assertThat(returned.await(50, TimeUnit.MILLISECONDS)).as("b is processing").isFalse();
    queue.done("b");
    assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
    drainer.join();
    assertThat(queue.get()).isNull();
  }

  @Test
  void shutDownWithDrainCanGiveUp() throws Exception {
    queue.add("a");
    queue.get();
    assertThat(queue.shutDownWithDrain(Duration.ofMillis(10))).isFalse();
    queue.done("a");
    assertThat(queue.shutDownWithDrain(Duration.ofMillis(10))).isTrue();
  }

  @Test
  void metricsCountAddsDepthLatencyAndWork() throws Exception {
    queue.add("a");
    queue.add("b");
    assertThat(metrics.stats("q").depth()).isEqualTo(2);
    clock.advance(Duration.ofMillis(3));
    String a = queue.get();
    clock.advance(Duration.ofMillis(7));
    queue.get();
    clock.advance(Duration.ofMillis(1));
    QueueStats busy = metrics.stats("q");
    assertThat(busy.depth()).isZero();
    assertThat(busy.unfinishedWork()).isEqualTo(Duration.ofMillis(8 + 1));
    assertThat(busy.longestRunning()).isEqualTo(Duration.ofMillis(8));
    assertThat(busy.queueLatency().count()).isEqualTo(2);
    assertThat(busy.queueLatency().max()).isEqualTo(Duration.ofMillis(10));
    queue.done(a);
    QueueStats after = metrics.stats("q");
    assertThat(after.workDuration().count()).isEqualTo(1);
    assertThat(after.workDuration().max()).isEqualTo(Duration.ofMillis(8));
    assertThat(after.longestRunning()).isEqualTo(Duration.ofMillis(1));
    assertThat(metrics.prometheusText())
        .contains("workqueue_depth{name=\"q\"} 0\n")
        .contains("workqueue_adds_total{name=\"q\"} 2\n")
        .contains("workqueue_queue_duration_seconds_bucket{name=\"q\",le=\"0.01\"} 2\n")
        .contains("workqueue_queue_duration_seconds_bucket{name=\"q\",le=\"0.001\"} 0\n")
        .contains("workqueue_work_duration_seconds_count{name=\"q\"} 1\n")
        .contains("workqueue_longest_running_processor_seconds{name=\"q\"} 0.001\n")
        .contains("# TYPE workqueue_retries_total counter\n");
  }

  private void awaitShuttingDown() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!queue.isShuttingDown()) {
      assertThat(System.nanoTime()).as("shut down in time").isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  private String getQuietly() {
    try {
      return queue.get();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
