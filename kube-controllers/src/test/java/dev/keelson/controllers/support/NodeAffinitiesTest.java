package dev.keelson.controllers.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.AffinityBuilder;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeAffinityBuilder;
import dev.keelson.api.core.v1.NodeBuilder;
import dev.keelson.api.core.v1.NodeSelector;
import dev.keelson.api.core.v1.NodeSelectorRequirement;
import dev.keelson.api.core.v1.NodeSelectorTerm;
import dev.keelson.api.core.v1.PodSpec;
import dev.keelson.api.core.v1.PodSpecBuilder;
import dev.keelson.api.core.v1.Taint;
import dev.keelson.api.core.v1.Toleration;
import dev.keelson.api.meta.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeAffinitiesTest {
  private static final Node NODE =
      NodeBuilder.builder()
          .metadata(
              ObjectMetaBuilder.builder()
                  .name("n1")
                  .labels(Map.of("zone", "a", "cpus", "8"))
                  .build())
          .build();

  private static NodeSelectorRequirement req(String key, String op, String... values) {
    return new NodeSelectorRequirement(key, op, List.of(values));
  }

  private static PodSpec requiring(NodeSelectorTerm... terms) {
    return PodSpecBuilder.builder()
        .affinity(
            AffinityBuilder.builder()
                .nodeAffinity(
                    NodeAffinityBuilder.builder()
                        .requiredDuringSchedulingIgnoredDuringExecution(
                            new NodeSelector(List.of(terms)))
                        .build())
                .build())
        .build();
  }

  @Test
  void operatorsMatchLabels() {
    Map<String, String> l = NODE.metadata().labels();
    assertThat(NodeAffinities.matches(req("zone", "In", "a", "b"), l)).isTrue();
    assertThat(NodeAffinities.matches(req("zone", "NotIn", "a"), l)).isFalse();
    assertThat(NodeAffinities.matches(req("gpu", "NotIn", "x"), l)).isTrue();
    assertThat(NodeAffinities.matches(req("zone", "Exists"), l)).isTrue();
    assertThat(NodeAffinities.matches(req("gpu", "DoesNotExist"), l)).isTrue();
    assertThat(NodeAffinities.matches(req("cpus", "Gt", "4"), l)).isTrue();
    assertThat(NodeAffinities.matches(req("cpus", "Lt", "4"), l)).isFalse();
  }

  @Test
  void termsAreOredRequirementsAndedAndFieldsMatchTheName() {
    NodeSelectorTerm wrongZone = new NodeSelectorTerm(List.of(req("zone", "In", "b")), List.of());
    NodeSelectorTerm byName =
        new NodeSelectorTerm(List.of(), List.of(req("metadata.name", "In", "n1")));
    NodeSelectorTerm both =
        new NodeSelectorTerm(
            List.of(req("zone", "In", "a")), List.of(req("metadata.name", "In", "n2")));
    assertThat(NodeAffinities.admits(requiring(wrongZone), NODE)).isFalse();
    assertThat(NodeAffinities.admits(requiring(wrongZone, byName), NODE)).isTrue();
    assertThat(NodeAffinities.admits(requiring(both), NODE)).isFalse();
    assertThat(NodeAffinities.admits(requiring(), NODE)).isFalse();
    assertThat(
            NodeAffinities.admits(
                PodSpecBuilder.builder().nodeSelector(Map.of("zone", "a")).build(), NODE))
        .isTrue();
    assertThat(
            NodeAffinities.admits(
                PodSpecBuilder.builder().nodeSelector(Map.of("zone", "b")).build(), NODE))
        .isFalse();
  }

  @Test
  void tolerationsMatchTaintsByKeyValueAndEffect() {
    Taint gpu = new Taint("gpu", "true", "NoSchedule", null);
    assertThat(NodeAffinities.tolerates(new Toleration("gpu", "Equal", "true", null, null), gpu))
        .isTrue();
    assertThat(
            NodeAffinities.tolerates(new Toleration("gpu", null, "true", "NoSchedule", null), gpu))
        .isTrue();
    assertThat(NodeAffinities.tolerates(new Toleration("gpu", "Equal", "false", null, null), gpu))
        .isFalse();
    assertThat(
            NodeAffinities.tolerates(new Toleration("gpu", "Exists", null, "NoExecute", null), gpu))
        .isFalse();
    assertThat(NodeAffinities.tolerates(new Toleration(null, "Exists", null, null, null), gpu))
        .isTrue();
  }
}
