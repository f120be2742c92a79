package dev.keelson.api.coordination.v1;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.json.DecodeException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.json.MicroTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseTest {
  @Test
  void leaseTimesAreWrittenWithMicrosecondsAsGoWritesMicroTime() {
    Lease lease =
        KubeJson.decode(
            "{\"spec\":{\"holderIdentity\":\"a\",\"renewTime\":\"2024-05-01T12:12:40.1+02:00\"}}"
                .getBytes(UTF_8),
            Lease.class);
    assertThat(lease.spec().renewTime())
        .isEqualTo(MicroTime.of(Instant.parse("2024-05-01T10:12:40.100Z")));
    assertThat(KubeJson.encodeToString(lease))
        .isEqualTo(
            "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"spec\":"
                + "{\"holderIdentity\":\"a\",\"renewTime\":\"2024-05-01T10:12:40.100000Z\"}}");
  }

  @Test
  void renewingIsAWithCall() {
    LeaseSpec spec =
        LeaseSpecBuilder.builder().holderIdentity("a").leaseDurationSeconds(15).build();
    MicroTime now = MicroTime.of(Instant.parse("2024-05-01T10:00:00.123456789Z"));
    LeaseSpec renewed = spec.withRenewTime(now);
    assertThat(renewed.renewTime().toString()).isEqualTo("2024-05-01T10:00:00.123456Z");
    assertThat(renewed.leaseDurationSeconds()).isEqualTo(15);
    assertThat(spec.renewTime()).isNull();
  }

  @Test
  void badTimesNameTheirPath() {
    assertThatThrownBy(
            () ->
                KubeJson.decode(
                    "{\"spec\":{\"acquireTime\":\"soon\"}}".getBytes(UTF_8), Lease.class))
        .isInstanceOf(DecodeException.class)
        .hasMessageStartingWith("spec.acquireTime: invalid time \"soon\"");
  }
}
