package dev.keelson.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodBuilder;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.meta.OwnerReferenceBuilder;
import dev.keelson.controller.source.Predicates;
import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControllerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private final FakeClock clock = new FakeClock();
  private final ManualSource<ConfigMap> maps = new ManualSource<>();
  private final ManualSource<Pod> pods = new ManualSource<>();
  private final List<Request> calls = new CopyOnWriteArrayList<>();
  private Controller controller;

  @AfterEach
  void stop() {
    if (controller != null) {
      controller.close();
    }
  }

  private Controller start(Reconciler r, int workers) {
    controller =
        Controller.builder("test", r)
            .clock(clock)
            .workers(workers)
            .forResource(maps)
            .owns(pods, "", "ConfigMap")
            .build();
    controller.start();
    return controller;
  }

  private Reconciler recording(Reconciler then) {
    return req -> {
      calls.add(req);
      return then.reconcile(req);
    };
  }

  @Test
  void anAddedObjectIsReconciledByItsKey() {
    start(recording(r -> Result.done()), 2);
    maps.add(configMap("ns", "a", 1));
    await(() -> calls.size() == 1);
    assertThat(calls).containsExactly(Request.of("ns", "a"));
    await(() -> controller.stats().success() == 1);
  }

  @Test
  void workersWaitUntilEverySourceHasSynced() throws Exception {
    pods.synced(false);
    start(recording(r -> Result.done()), 1);
    maps.add(configMap("ns", "a", 1));
    Thread.sleep(50);
    assertThat(calls).as("not before sync").isEmpty();
    assertThat(controller.hasSynced()).isFalse();
    pods.synced(true);
    await(() -> calls.size() == 1);
    assertThat(controller.hasSynced()).isTrue();
  }

  @Test
  void failuresAreRetriedWithGrowingBackoffAndSuccessResetsIt() {
    AtomicInteger failuresLeft = new AtomicInteger(3);
    start(
        recording(
            r -> {
              if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("not yet");
              }
              return Result.done();
            }),
        1);
    maps.add(configMap("ns", "a", 1));
    await(() -> calls.size() == 1);
    for (long backoff : new long[] {5, 10, 20}) {
      int before = calls.size();
      awaitTimer();
      clock.advance(Duration.ofMillis(backoff - 1));
      assertThat(calls).hasSize(before);
      clock.advance(Duration.ofMillis(1));
      await(() -> calls.size() == before + 1);
    }
    await(() -> controller.stats().success() == 1);
    assertThat(controller.stats().error()).isEqualTo(3);
    assertThat(controller.queue().numRequeues(Request.of("ns", "a"))).isZero();
  }

  @Test
  void aTerminalErrorIsNotRetried() {
    start(
        recording(
            r -> {
              throw new TerminalException("bad spec");
            }),
        1);
    maps.add(configMap("ns", "a", 1));
    await(() -> controller.stats().terminalError() == 1);
    clock.advance(Duration.ofHours(1));
    assertThat(clock.pendingTimers()).isZero();
    assertThat(calls).hasSize(1);
    maps.add(configMap("ns", "a", 2));
    await(() -> calls.size() == 2);
  }

  @Test
  void requeueAfterRunsTheRequestAgainAfterTheDelay() {
    start(recording(r -> Result.requeueAfter(Duration.ofSeconds(30))), 1);
    maps.add(configMap("ns", "a", 1));
    await(() -> calls.size() == 1);
    awaitTimer();
    clock.advance(Duration.ofSeconds(29));
    assertThat(calls).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    await(() -> calls.size() == 2);
    assertThat(controller.stats().requeueAfter()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void requeueAfterCountsFromWhenThePassBegan() {
    // A pass that reads the clock, then takes (fake) time over its writes: its "again in 30 s"
    // means 30 s after what it read, not 30 s after its writes ended.
    start(recording(takesOnItsFirstPass(Duration.ofSeconds(20))), 1);
    maps.add(configMap("ns", "a", 1));
    await(() -> calls.size() == 1);
    awaitTimer();
    clock.advance(Duration.ofSeconds(9));
    assertThat(calls).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    await(() -> calls.size() == 2);
  }

  @Test
  void aPassLongerThanItsRequeueDelayIsRequeuedAtOnce() {
    start(recording(takesOnItsFirstPass(Duration.ofSeconds(60))), 1);
    maps.add(configMap("ns", "a", 1));
    await(() -> calls.size() == 2);
  }

  /** Asks to be requeued after 30 s; its first pass moves the clock by {@code spent}. */
  private Reconciler takesOnItsFirstPass(Duration spent) {
    return r -> {
      if (calls.size() == 1) {
        clock.advance(spent);
      }
      return Result.requeueAfter(Duration.ofSeconds(30));
    };
  }

  @Test
  void requeueUsesTheRateLimiter() {
    AtomicInteger n = new AtomicInteger();
    start(
        recording(r -> n.incrementAndGet() == 1 ? Result.requeueWithBackoff() : Result.done()), 1);
    maps.add(configMap("ns", "a", 1));
    await(() -> controller.stats().requeue() == 1);
    awaitTimer();
    clock.advance(Duration.ofMillis(5));
    await(() -> controller.stats().success() == 1);
  }

  @Test
  void oneKeyIsNeverReconciledByTwoWorkersAtOnce() throws Exception {
    Set<Request> running = ConcurrentHashMap.newKeySet();
    AtomicInteger overlaps = new AtomicInteger();
    Map<Request, AtomicInteger> passes = new ConcurrentHashMap<>();
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(
        r -> {
          if (!running.add(r)) {
            overlaps.incrementAndGet();
          }
          passes.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet();
          if (r.name().equals("slow")) {
            firstStarted.countDown();
            release.await();
          }
          running.remove(r);
          return Result.done();
        },
        4);
    maps.add(configMap("ns", "slow", 1));
    assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 2; i < 50; i++) {
      maps.update(configMap("ns", "slow", i - 1), configMap("ns", "slow", i));
      maps.add(configMap("ns", "other-" + (i % 5), i));
    }
    await(() -> passes.keySet().size() == 6);
    assertThat(passes.get(Request.of("ns", "slow")).get()).isEqualTo(1);
    release.countDown();
    await(() -> passes.get(Request.of("ns", "slow")).get() == 2);
    controller.close();
    assertThat(passes.get(Request.of("ns", "slow")).get())
        .as("48 updates during the slow pass made exactly one more pass")
        .isEqualTo(2);
    assertThat(overlaps.get()).isZero();
  }

  @Test
  void ownedObjectsQueueTheirControllerOwner() {
    start(recording(r -> Result.done()), 1);
    pods.add(pod("ns", "p1", "ConfigMap", true));
    pods.add(pod("ns", "p2", "ConfigMap", false)); // not the controller
    pods.add(pod("ns", "p3", "Secret", true)); // another kind
    await(() -> calls.size() == 1);
    assertThat(calls).containsExactly(Request.of("ns", "owner"));
  }

  @Test
  void aDeletionQueuesTheKeySoTheReconcilerSeesTheObjectGone() {
    start(recording(r -> Result.done()), 1);
    maps.delete(configMap("ns", "gone", 3));
    await(() -> calls.size() == 1);
    assertThat(calls).containsExactly(Request.of("ns", "gone"));
  }

  @Test
  void anOwnedObjectThatChangesOwnerQueuesBothOwners() {
    start(recording(r -> Result.done()), 1);
    Pod before = pod("ns", "p", "ConfigMap", true);
    ObjectMeta m = before.metadata();
    Pod after =
        before.withMetadata(
            m.withOwnerReferences(
                List.of(m.ownerReferences().get(0).withName("new-owner").withUid("u2"))));
    pods.update(before, after);
    await(() -> calls.size() == 2);
    assertThat(calls)
        .containsExactlyInAnyOrder(Request.of("ns", "owner"), Request.of("ns", "new-owner"));
  }

  @Test
  void theQueueReportsToTheGivenMetrics() {
    dev.keelson.controller.queue.InMemoryQueueMetrics metrics =
        new dev.keelson.controller.queue.InMemoryQueueMetrics();
    controller =
        Controller.builder("measured", recording(r -> Result.done()))
            .clock(clock)
            .queueMetrics(metrics)
            .forResource(maps)
            .build();
    controller.start();
    maps.add(configMap("ns", "a", 1));
    await(() -> metrics.stats("measured").workDuration().count() == 1);
    assertThat(metrics.stats("measured").adds()).isEqualTo(1);
  }

  @Test
  void predicatesDropUninterestingUpdates() {
    controller =
        Controller.builder("filtered", recording(r -> Result.done()))
            .clock(clock)
            .forResource(maps, Predicates.generationChanged())
            .build();
    controller.start();
    maps.update(configMap("ns", "same", 1), configMap("ns", "same", 1).withData(Map.of("x", "1")));
    maps.update(configMap("ns", "bumped", 1), configMap("ns", "bumped", 2));
    await(() -> calls.size() == 1);
    assertThat(calls).containsExactly(Request.of("ns", "bumped"));
  }

  @Test
  void closeLetsRunningReconcilesFinish() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    start(
        r -> {
          inside.countDown();
          assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
          finished.incrementAndGet();
          return Result.done();
        },
        1);
    maps.add(configMap("ns", "a", 1));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    // close() starts while the reconcile is still running, and must wait for it to finish.
    Thread closer = Thread.ofVirtual().start(controller::close);
    await(() -> controller.queue().isShuttingDown());
    assertThat(finished.get()).as("still reconciling when close began").isZero();
    release.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(closer.isAlive()).as("close returned").isFalse();
    assertThat(finished.get()).isEqualTo(1);
    maps.add(configMap("ns", "b", 1));
    assertThat(controller.queue().len()).as("no work after close").isZero();
  }

  private static ConfigMap configMap(String ns, String name, long generation) {
    ObjectMeta m =
        ObjectMetaBuilder.builder().namespace(ns).name(name).generation(generation).build();
    return new ConfigMap(null, null, m, null, null, null);
  }

  private static Pod pod(String ns, String name, String ownerKind, boolean controller) {
    ObjectMeta m =
        ObjectMetaBuilder.builder()
            .namespace(ns)
            .name(name)
            .ownerReferences(
                List.of(
                    OwnerReferenceBuilder.builder()
                        .apiVersion("v1")
                        .kind(ownerKind)
                        .name("owner")
                        .uid("u1")
                        .controller(controller)
                        .build()))
            .build();
    return PodBuilder.builder().metadata(m).build();
  }

  /** Waits until the worker has scheduled its retry timer on the fake clock. */
  private void awaitTimer() {
    await(() -> clock.pendingTimers() > 0);
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + DEADLINE);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
