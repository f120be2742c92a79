package dev.keelson.controller.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitingQueueTest {
  private final FakeClock clock = new FakeClock();
  private final InMemoryQueueMetrics metrics = new InMemoryQueueMetrics();
  private final RateLimitingQueue<String> queue =
      RateLimitingQueue.create(
          QueueOptions.defaults().withName("rl").withClock(clock).withMetrics(metrics),
          RateLimiter.controllerDefault(clock));

  @Test
  void failuresAreRetriedAfter5Then10Then20MillisecondsAndForgetStartsOver() throws Exception {
    queue.add("a");
    for (long expected : new long[] {5, 10, 20, 40}) {
      String item = queue.get();
      queue.addRateLimited(item);
      queue.done(item);
      clock.advance(Duration.ofNanos(Duration.ofMillis(expected).toNanos() - 1));
      assertThat(queue.len()).as("not before %d ms", expected).isZero();
      clock.advance(Duration.ofNanos(1));
      assertThat(queue.len()).as("at %d ms", expected).isEqualTo(1);
    }
    assertThat(queue.numRequeues("a")).isEqualTo(4);
    assertThat(metrics.stats("rl").retries()).isEqualTo(4);
    String item = queue.get();
    queue.forget(item);
    queue.done(item);
    assertThat(queue.numRequeues("a")).isZero();
    queue.add("a");
    queue.addRateLimited(queue.get());
    assertThat(clock.nextTimerAt()).contains(clock.instant().plusMillis(5));
  }

  @Test
  void aRetryWhileTheItemIsProcessingWaitsForDone() throws Exception {
    queue.add("a");
    String item = queue.get();
    queue.addRateLimited(item);
    clock.advance(Duration.ofMillis(5));
    assertThat(queue.len()).as("still processing").isZero();
    queue.done(item);
    assertThat(queue.get(Duration.ZERO)).isEqualTo("a");
  }
}
