package dev.keelson.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The AGE format of kubectl get: apimachinery's duration.HumanDuration thresholds. */
class HumanDurationTest {
  private static String of(long seconds) {
    return HumanDuration.format(Duration.ofSeconds(seconds));
  }

  @Test
  void secondsUpToTwoMinutes() {
    assertThat(of(0)).isEqualTo("0s");
    assertThat(of(5)).isEqualTo("5s");
    assertThat(of(119)).isEqualTo("119s");
  }

  @Test
  void minutesWithSecondsBelowTenMinutesThenWholeMinutesBelowThreeHours() {
    assertThat(of(120)).isEqualTo("2m");
    assertThat(of(182)).isEqualTo("3m2s");
    assertThat(of(599)).isEqualTo("9m59s");
    assertThat(of(600)).isEqualTo("10m");
    assertThat(of(3 * 3600 - 1)).isEqualTo("179m");
  }

  @Test
  void hoursDaysAndYears() {
    assertThat(of(3 * 3600)).isEqualTo("3h");
    assertThat(of(3 * 3600 + 5 * 60)).isEqualTo("3h5m");
    assertThat(of(8 * 3600 + 59 * 60)).isEqualTo("8h");
    assertThat(of(47 * 3600)).isEqualTo("47h");
    assertThat(of(2 * 86400 + 4 * 3600)).isEqualTo("2d4h");
    assertThat(of(3 * 86400)).isEqualTo("3d");
    assertThat(of(8 * 86400 + 5 * 3600)).isEqualTo("8d");
    assertThat(of(729L * 86400)).isEqualTo("729d");
    assertThat(of(730L * 86400)).isEqualTo("2y");
    assertThat(of(733L * 86400)).isEqualTo("2y3d");
    assertThat(of(9L * 365 * 86400)).isEqualTo("9y");
  }

  @Test
  void slightlyFutureTimesReadZeroAndFurtherOnesInvalid() {
    assertThat(HumanDuration.format(Duration.ofMillis(-1500))).isEqualTo("0s");
    assertThat(of(-2)).isEqualTo("<invalid>");
  }

  @Test
  void sinceUsesTheInjectedClockAndAbsentTimesAreUnknown() {
    InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-01T00:10:00Z"));
    assertThat(HumanDuration.since(Instant.parse("2026-01-01T00:05:00Z"), clock)).isEqualTo("5m");
    assertThat(HumanDuration.since(null, clock)).isEqualTo("<unknown>");
  }
}
