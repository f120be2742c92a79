package dev.keelson.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Kubelet's crash-loop backoff arithmetic. */
class CrashBackoffTest {
  private final Instant t0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void firstRestartIsImmediateThenTheBackoffDoublesToFiveMinutes() {
    CrashBackoff b = new CrashBackoff();
    assertThat(b.remaining("k", t0, t0)).isZero();
    b.next("k", t0);
    Instant t = t0;
    for (long s : new long[] {10, 20, 40, 80, 160, 300, 300}) {
      t = t.plusSeconds(1);
      assertThat(b.remaining("k", t, t)).hasSeconds(s);
      assertThat(b.remaining("k", t, t.plusSeconds(s))).isZero();
      b.next("k", t);
      t = t.plusSeconds(s);
    }
  }

  @Test
  void anEntryOlderThanTenMinutesStartsOver() {
    CrashBackoff b = new CrashBackoff();
    b.next("k", t0);
    b.next("k", t0.plusSeconds(1));
    assertThat(b.current("k")).isEqualTo(Duration.ofSeconds(20));
    Instant late = t0.plusSeconds(602);
    assertThat(b.remaining("k", late, late)).isZero();
    b.next("k", late);
    assertThat(b.current("k")).isEqualTo(Duration.ofSeconds(10));
  }
}
