package dev.keelson.controller.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FakeClockTest {
  private final Instant start = Instant.parse("2024-01-01T00:00:00Z");
  private final FakeClock clock = new FakeClock(start);

  @Test
  void timeMovesOnlyWhenAdvanced() {
    assertThat(clock.instant()).isEqualTo(start);
    assertThat(clock.nanoTime()).isZero();
    clock.advance(Duration.ofSeconds(3));
    assertThat(clock.instant()).isEqualTo(start.plusSeconds(3));
    assertThat(clock.nanoTime()).isEqualTo(3_000_000_000L);
  }

  @Test
  void timersRunInDueOrderWithTheClockAtTheirDueTime() {
    List<String> ran = new ArrayList<>();
    clock.schedule(Duration.ofSeconds(5), () -> ran.add("5s@" + clock.instant()));
    clock.schedule(Duration.ofSeconds(1), () -> ran.add("1s@" + clock.instant()));
    clock.schedule(Duration.ofSeconds(1), () -> ran.add("1s-second@" + clock.instant()));
    clock.advance(Duration.ofSeconds(2));
    assertThat(ran)
        .containsExactly("1s@" + start.plusSeconds(1), "1s-second@" + start.plusSeconds(1));
    assertThat(clock.instant()).isEqualTo(start.plusSeconds(2));
    clock.advance(Duration.ofSeconds(10));
    assertThat(ran).hasSize(3).last().isEqualTo("5s@" + start.plusSeconds(5));
  }

  @Test
  void timersScheduledByTimersRunWithinTheSameAdvance() {
    List<Instant> ran = new ArrayList<>();
    Runnable[] again = new Runnable[1];
    again[0] =
        () -> {
          ran.add(clock.instant());
          clock.schedule(Duration.ofSeconds(1), again[0]);
        };
    clock.schedule(Duration.ofSeconds(1), again[0]);
    clock.advance(Duration.ofMillis(3500));
    assertThat(ran)
        .containsExactly(start.plusSeconds(1), start.plusSeconds(2), start.plusSeconds(3));
    assertThat(clock.nextTimerAt()).contains(start.plusSeconds(4));
  }

  @Test
  void cancelledTimersDoNotRun() {
    List<String> ran = new ArrayList<>();
    Clock.Timer t = clock.schedule(Duration.ofSeconds(1), () -> ran.add("x"));
    assertThat(t.cancel()).isTrue();
    assertThat(t.cancel()).isFalse();
    clock.advance(Duration.ofSeconds(2));
    assertThat(ran).isEmpty();
    assertThat(clock.pendingTimers()).isZero();
  }

  @Test
  void zeroDelayRunsOnRunDueNotOnTheCallersStack() {
    List<String> ran = new ArrayList<>();
    clock.schedule(Duration.ZERO, () -> ran.add("now"));
    assertThat(ran).isEmpty();
    clock.runDue();
    assertThat(ran).containsExactly("now");
  }

  @Test
  void refusesToGoBack() {
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> clock.set(start)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void systemClockRunsTimersAndSurvivesFailingTasks() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    Clock.system()
        .schedule(
            Duration.ZERO,
            () -> {
              throw new IllegalStateException("boom (expected in this test)");
            });
    Clock.system().schedule(Duration.ofMillis(5), ran::countDown);
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
  }
}
