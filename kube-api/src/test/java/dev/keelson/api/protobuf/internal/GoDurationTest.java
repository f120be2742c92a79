package dev.keelson.api.protobuf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** metav1.Duration's protobuf form (nanoseconds) is written as Go's Duration.String(). */
class GoDurationTest {
  @Test
  void formatsAsGoDoes() {
    assertThat(GoDuration.format(0)).isEqualTo("0s");
    assertThat(GoDuration.format(1)).isEqualTo("1ns");
    assertThat(GoDuration.format(1_500)).isEqualTo("1.5µs");
    assertThat(GoDuration.format(2_000_000)).isEqualTo("2ms");
    assertThat(GoDuration.format(1_500_000_000L)).isEqualTo("1.5s");
    assertThat(GoDuration.format(60_000_000_000L)).isEqualTo("1m0s");
    assertThat(GoDuration.format(3_600_000_000_000L)).isEqualTo("1h0m0s");
    assertThat(GoDuration.format(3_723_000_000_000L)).isEqualTo("1h2m3s");
    assertThat(GoDuration.format(-90_000_000_000L)).isEqualTo("-1m30s");
    assertThat(GoDuration.format(Long.MIN_VALUE)).isEqualTo("-2562047h47m16.854775808s");
  }
}
