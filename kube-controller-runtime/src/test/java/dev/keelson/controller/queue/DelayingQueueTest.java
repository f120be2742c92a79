package dev.keelson.controller.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DelayingQueueTest {
  private final FakeClock clock = new FakeClock();
  private final DelayingQueue<String> queue =
      DelayingQueue.create(QueueOptions.defaults().withClock(clock).withMaxDepth(3));

  @Test
  void anItemAddedAfterADelayWaitsExactlyThatLong() {
    queue.addAfter("a", Duration.ofSeconds(2));
    clock.advance(Duration.ofMillis(1999));
    assertThat(queue.len()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(queue.len()).isEqualTo(1);
  }

  @Test
  void aZeroDelayAddsAtOnce() {
    queue.addAfter("a", Duration.ZERO);
    assertThat(queue.len()).isEqualTo(1);
  }

  @Test
  void aSoonerDelayReplacesALaterOneAndALaterOneIsIgnored() throws Exception {
    queue.addAfter("a", Duration.ofSeconds(10));
    queue.addAfter("a", Duration.ofSeconds(3));
    queue.addAfter("a", Duration.ofSeconds(5));
    assertThat(clock.pendingTimers()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(3));
    assertThat(queue.len()).isEqualTo(1);
    assertThat(queue.get()).isEqualTo("a");
    queue.done("a");
    clock.advance(Duration.ofSeconds(20));
    assertThat(queue.len()).as("the replaced delays never fire").isZero();
  }

  @Test
  void delayedItemsCountTowardsTheBound() {
    assertThat(queue.addAfter("a", Duration.ofSeconds(1))).isTrue();
    assertThat(queue.addAfter("b", Duration.ofSeconds(1))).isTrue();
    assertThat(queue.add("c")).isTrue();
    assertThat(queue.addAfter("d", Duration.ofSeconds(1))).isFalse();
    assertThat(queue.addAfter("a", Duration.ofMillis(1))).as("already delayed").isTrue();
  }

  @Test
  void shutDownCancelsDelayedItems() throws Exception {
    queue.addAfter("a", Duration.ofSeconds(1));
    queue.shutDown();
    assertThat(clock.pendingTimers()).isZero();
    assertThat(queue.addAfter("b", Duration.ofSeconds(1))).isFalse();
    clock.advance(Duration.ofSeconds(2));
    assertThat(queue.get()).isNull();
  }
}
