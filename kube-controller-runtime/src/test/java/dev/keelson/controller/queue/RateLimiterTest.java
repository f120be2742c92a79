package dev.keelson.controller.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final FakeClock clock = new FakeClock();

  @Test
  void exponentialBackoffDoublesFromBasePerItemUpToMax() {
    RateLimiter<String> l = RateLimiter.exponential(Duration.ofMillis(5), Duration.ofSeconds(1000));
    assertThat(l.when("a")).isEqualTo(Duration.ofMillis(5));
    assertThat(l.when("a")).isEqualTo(Duration.ofMillis(10));
    assertThat(l.when("a")).isEqualTo(Duration.ofMillis(20));
    assertThat(l.when("b")).as("per item").isEqualTo(Duration.ofMillis(5));
    assertThat(l.numRequeues("a")).isEqualTo(3);
    for (int i = 3; i < 17; i++) {
      assertThat(l.when("a")).isEqualTo(Duration.ofMillis(5L << i));
    }
    // 5 ms * 2^18 = 1310.72 s > 1000 s
    assertThat(l.when("a")).isEqualTo(Duration.ofMillis(5L << 17)); // 655.36 s
    assertThat(l.when("a")).isEqualTo(Duration.ofSeconds(1000));
    for (int i = 0; i < 100; i++) {
      assertThat(l.when("a")).as("no overflow").isEqualTo(Duration.ofSeconds(1000));
    }
    l.forget("a");
    assertThat(l.numRequeues("a")).isZero();
    assertThat(l.when("a")).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void tokenBucketLetsABurstThroughThenSpacesAtQps() {
    RateLimiter<String> l = RateLimiter.tokenBucket(10, 100, clock);
    for (int i = 0; i < 100; i++) {
      assertThat(l.when("k" + i)).isEqualTo(Duration.ZERO);
    }
    assertThat(l.when("x")).isEqualTo(Duration.ofMillis(100));
    assertThat(l.when("y")).isEqualTo(Duration.ofMillis(200));
    clock.advance(Duration.ofMillis(200)); // repays the debt of x and y
    assertThat(l.when("z")).isEqualTo(Duration.ofMillis(100));
    clock.advance(Duration.ofSeconds(100)); // refills, but never beyond the burst
    for (int i = 0; i < 100; i++) {
      assertThat(l.when("k" + i)).isEqualTo(Duration.ZERO);
    }
    assertThat(l.when("x")).isEqualTo(Duration.ofMillis(100));
    assertThat(l.numRequeues("x")).isZero();
  }

  @Test
  void controllerDefaultIsTheLongerOfBackoffAndBucket() {
    RateLimiter<String> l = RateLimiter.controllerDefault(clock);
    assertThat(l.when("a")).isEqualTo(Duration.ofMillis(5));
    assertThat(l.when("a")).isEqualTo(Duration.ofMillis(10));
    for (int i = 0; i < 98; i++) {
      l.when("k" + i);
    }
    assertThat(l.when("b")).as("bucket empty: 100 ms beats 5 ms").isEqualTo(Duration.ofMillis(100));
    assertThat(l.numRequeues("a")).isEqualTo(2);
    l.forget("a");
    assertThat(l.numRequeues("a")).isZero();
  }
}
