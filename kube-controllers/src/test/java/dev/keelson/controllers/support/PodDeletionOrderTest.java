package dev.keelson.controllers.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ContainerStatusBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodBuilder;
import dev.keelson.api.core.v1.PodCondition;
import dev.keelson.api.core.v1.PodSpecBuilder;
import dev.keelson.api.core.v1.PodStatusBuilder;
import dev.keelson.api.meta.ObjectMetaBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodDeletionOrderTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Pod pod(
      String name,
      String node,
      String phase,
      Instant readySince,
      int restarts,
      Instant created,
      String cost) {
    List<PodCondition> conds =
        readySince == null
            ? List.of()
            : List.of(new PodCondition("Ready", null, "True", null, readySince, null, null));
    return PodBuilder.builder()
        .metadata(
            ObjectMetaBuilder.builder()
                .name(name)
                .uid(name)
                .creationTimestamp(created)
                .annotations(cost == null ? Map.of() : Map.of(PodDeletionOrder.DELETION_COST, cost))
                .build())
        .spec(PodSpecBuilder.builder().nodeName(node).build())
        .status(
            PodStatusBuilder.builder()
                .phase(phase)
                .conditions(conds)
                .containerStatuses(
                    List.of(
                        ContainerStatusBuilder.builder().name("c").restartCount(restarts).build()))
                .build())
        .build();
  }

  @Test
  void ordersAsKubernetesActivePodsWithRanks() {
    List<Pod> expected =
        List.of(
            pod("unscheduled", null, "Pending", null, 0, T0, null),
            pod("pending", "n1", "Pending", null, 0, T0, null),
            pod("unknown", "n1", "Unknown", null, 0, T0, null),
            pod("running-not-ready", "n1", "Running", null, 0, T0, null),
            pod("cheap", "n1", "Running", T0, 0, T0, "-5"),
            pod("doubled-up", "n2", "Running", T0, 0, T0, null),
            pod("ready-recently", "n1", "Running", T0.plusSeconds(60), 0, T0, null),
            pod("restarted", "n1", "Running", T0, 3, T0, null),
            pod("newer", "n1", "Running", T0, 0, T0.plusSeconds(5), null),
            pod("older", "n1", "Running", T0, 0, T0, null));
    List<Pod> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new java.util.Random(42));
    shuffled.sort(new PodDeletionOrder(Map.of("n1", 1, "n2", 2)));
    assertThat(shuffled)
        .extracting(p -> p.metadata().name())
        .containsExactlyElementsOf(expected.stream().map(p -> p.metadata().name()).toList());
  }
}
