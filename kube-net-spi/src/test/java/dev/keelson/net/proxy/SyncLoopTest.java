package dev.keelson.net.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.testkit.Eventually;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The loop on its own (no informers to wait for), with a sync that records its calls. */
class SyncLoopTest {
  /** One call: whether it was full, and when it began. */
  record Call(boolean full, long nanos) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();

  /** What the next calls do ("ok", "fail" or "throw"); "ok" once it is empty. */
  private final Deque<String> outcomes = new ArrayDeque<>();

  private synchronized boolean record(boolean full) {
    calls.add(new Call(full, System.nanoTime()));
    String next = outcomes.isEmpty() ? "ok" : outcomes.poll();
    if (next.equals("throw")) {
      throw new IllegalStateException("the data plane is gone");
    }
    return next.equals("ok");
  }

  private SyncLoop start(Duration min, Duration full) {
    return SyncLoop.start("sync-loop-test", List.of(), min, full, this::record);
  }

  @Test
  void theFirstSyncIsFullAndAChangeBringsAPartialOne() throws Exception {
    try (SyncLoop loop = start(Duration.ofMillis(10), Duration.ofHours(1))) {
      await("the first sync", () -> loop.syncs() == 1);
      loop.poke();
      await("a second sync", () -> loop.syncs() == 2);
      assertThat(calls).extracting(Call::full).containsExactly(true, false);
      assertThat(loop.failures()).isZero();
    }
  }

  @Test
  void aFailedOrThrowingSyncIsRetriedInFull() throws Exception {
    synchronized (this) {
      outcomes.addAll(List.of("ok", "ok", "fail", "throw"));
    }
    try (SyncLoop loop = start(Duration.ofMillis(10), Duration.ofHours(1))) {
      await("the first sync", () -> loop.syncs() == 1);
      loop.poke();
      await("the second sync", () -> loop.syncs() == 2);
      loop.poke();
      await("a sync after two failures", () -> loop.syncs() == 3);
      assertThat(calls).extracting(Call::full).containsExactly(true, false, false, true, true);
      assertThat(loop.failures()).isEqualTo(2);
    }
  }

  @Test
  void syncsAreAtLeastMinIntervalApartEvenInABurstOfChanges() throws Exception {
    Duration min = Duration.ofMillis(200);
    try (SyncLoop loop = start(min, Duration.ofHours(1))) {
      await("the first sync", () -> loop.syncs() == 1);
      long lastPoke = 0;
      for (int i = 0; i < 50; i++) {
        lastPoke = System.nanoTime();
        loop.poke();
        Thread.sleep(5);
      }
      long after = lastPoke;
      await("a sync after the burst", () -> calls.getLast().nanos() > after);
      List<Call> calls = List.copyOf(this.calls);
      for (int i = 1; i < calls.size(); i++) {
        assertThat(calls.get(i).nanos() - calls.get(i - 1).nanos())
            .as("gap before sync %d", i)
            .isGreaterThanOrEqualTo(min.toNanos());
      }
    }
  }

  @Test
  void aFullSyncComesEveryFullIntervalWithoutChanges() throws Exception {
    try (SyncLoop loop = start(Duration.ofMillis(10), Duration.ofMillis(100))) {
      await("three syncs", () -> loop.syncs() >= 3);
      List<Call> calls = List.copyOf(this.calls);
      assertThat(calls.subList(0, 3)).extracting(Call::full).containsOnly(true);
      assertThat(calls.get(2).nanos() - calls.get(1).nanos())
          .isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
    }
  }

  @Test
  void intervalsMustBeOrdered() {
    assertThatThrownBy(() -> start(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("need 0 <= minInterval <= fullInterval");
    assertThatThrownBy(() -> start(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void await(String what, BooleanSupplier c) throws InterruptedException {
    Eventually.await(what, Duration.ofSeconds(10), c);
  }
}
