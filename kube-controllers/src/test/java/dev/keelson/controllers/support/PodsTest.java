package dev.keelson.controllers.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodBuilder;
import dev.keelson.api.core.v1.PodCondition;
import dev.keelson.api.core.v1.PodStatusBuilder;
import dev.keelson.api.meta.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodsTest {
  private static final Instant READY_AT = Instant.parse("2026-01-01T00:00:00Z");

  private static Pod pod(String phase, String ready) {
    PodCondition c = new PodCondition("Ready", null, ready, null, READY_AT, null, null);
    return PodBuilder.builder()
        .metadata(ObjectMetaBuilder.builder().name("p").build())
        .status(PodStatusBuilder.builder().phase(phase).conditions(List.of(c)).build())
        .build();
  }

  @Test
  void availableOnlyOnceReadyForMinReadySeconds() {
    Pod p = pod("Running", "True");
    assertThat(Pods.isAvailable(p, 0, READY_AT)).isTrue();
    assertThat(Pods.isAvailable(p, 10, READY_AT.plusSeconds(9))).isFalse();
    assertThat(Pods.isAvailable(p, 10, READY_AT.plusSeconds(10))).isTrue();
    assertThat(Pods.isAvailable(pod("Running", "False"), 0, READY_AT)).isFalse();
  }

  @Test
  void terminalAndTerminatingPodsAreNotActive() {
    assertThat(Pods.isActive(pod("Running", "True"))).isTrue();
    assertThat(Pods.isActive(pod("Succeeded", "False"))).isFalse();
    assertThat(Pods.isActive(pod("Failed", "False"))).isFalse();
    Pod deleting =
        pod("Running", "True")
            .withMetadata(
                ObjectMetaBuilder.builder().name("p").deletionTimestamp(READY_AT).build());
    assertThat(Pods.isActive(deleting)).isFalse();
  }
}
