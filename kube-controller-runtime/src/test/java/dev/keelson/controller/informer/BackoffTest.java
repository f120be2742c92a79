package dev.keelson.controller.informer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesWithJitterUpToTheMaximumAndResets() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    assertThat(b.next()).isBetween(Duration.ofMillis(100), Duration.ofMillis(150));
    assertThat(b.next()).isBetween(Duration.ofMillis(200), Duration.ofMillis(300));
    assertThat(b.next()).isBetween(Duration.ofMillis(400), Duration.ofMillis(600));
    for (int i = 0; i < 40; i++) {
      assertThat(b.next()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }
    assertThat(b.next()).isEqualTo(Duration.ofSeconds(1));
    b.reset();
    assertThat(b.failures()).isZero();
    assertThat(b.next()).isBetween(Duration.ofMillis(100), Duration.ofMillis(150));
  }
}
