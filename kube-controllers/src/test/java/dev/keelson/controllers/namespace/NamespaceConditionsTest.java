package dev.keelson.controllers.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.NamespaceCondition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NamespaceConditionsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);

  private static NamespaceCondition find(List<NamespaceCondition> list, String type) {
    return list.stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void withNothingWrongEveryConditionIsFalseWithItsOkReason() {
    List<NamespaceCondition> out = new NamespaceConditions(T0).apply(List.of());
    assertThat(out)
        .extracting(NamespaceCondition::type)
        .containsExactly(
            "NamespaceDeletionDiscoveryFailure",
            "NamespaceDeletionGroupVersionParsingFailure",
            "NamespaceDeletionContentFailure",
            "NamespaceContentRemaining",
            "NamespaceFinalizersRemaining");
    assertThat(out).extracting(NamespaceCondition::status).containsOnly("False");
    assertThat(out)
        .extracting(NamespaceCondition::reason)
        .containsExactly(
            "ResourcesDiscovered",
            "ParsedGroupVersions",
            "ContentDeleted",
            "ContentRemoved",
            "ContentHasNoFinalizers");
    assertThat(find(out, "NamespaceContentRemaining").message())
        .isEqualTo("All content successfully removed");
  }

  @Test
  void remainingContentIsCountedPerResourceAndPerFinalizerInSortedOrder() {
    NamespaceConditions c = new NamespaceConditions(T0);
    Map<String, Integer> perResource = new TreeMap<>(Map.of("pods.", 2, "widgets.example.com", 1));
    c.remaining(perResource, Map.of("b/x", 1, "a/y", 2));
    List<NamespaceCondition> out = c.apply(List.of());
    NamespaceCondition remaining = find(out, "NamespaceContentRemaining");
    assertThat(remaining.status()).isEqualTo("True");
    assertThat(remaining.reason()).isEqualTo("SomeResourcesRemain");
    assertThat(remaining.message())
        .isEqualTo(
            "Some resources are remaining: pods. has 2 resource instances, widgets.example.com"
                + " has 1 resource instances");
    assertThat(find(out, "NamespaceFinalizersRemaining").message())
        .isEqualTo(
            "Some content in the namespace has finalizers remaining: a/y in 2 resource"
                + " instances, b/x in 1 resource instances");
  }

  @Test
  void failuresCarryKubernetesReasonsAndMessages() {
    NamespaceConditions c = new NamespaceConditions(T0);
    c.discoveryFailedGroups(Map.of("metrics.k8s.io/v1beta1", "the server is unavailable"));
    c.contentError("b failed");
    c.contentError("a failed");
    List<NamespaceCondition> out = c.apply(List.of());
    NamespaceCondition discovery = find(out, "NamespaceDeletionDiscoveryFailure");
    assertThat(discovery.reason()).isEqualTo("DiscoveryFailed");
    assertThat(discovery.message())
        .isEqualTo(
            "Discovery failed for some groups, 1 failing: unable to retrieve the complete list of"
                + " server APIs: metrics.k8s.io/v1beta1: the server is unavailable");
    NamespaceCondition content = find(out, "NamespaceDeletionContentFailure");
    assertThat(content.reason()).isEqualTo("ContentDeletionFailed");
    assertThat(content.message())
        .isEqualTo("Failed to delete all resource types, 2 remaining: a failed, b failed");
  }

  @Test
  void theTransitionTimeMovesOnlyWhenTheStatusFlips() {
    NamespaceConditions first = new NamespaceConditions(T0);
    first.remaining(Map.of("configmaps.", 2), Map.of());
    List<NamespaceCondition> before = first.apply(List.of());

    NamespaceConditions fewer = new NamespaceConditions(T1);
    fewer.remaining(Map.of("configmaps.", 1), Map.of());
    List<NamespaceCondition> after = fewer.apply(before);
    NamespaceCondition changedMessage = find(after, "NamespaceContentRemaining");
    assertThat(changedMessage.message()).contains("has 1 resource instances");
    assertThat(changedMessage.lastTransitionTime()).isEqualTo(T0);

    List<NamespaceCondition> cleared = new NamespaceConditions(T1).apply(after);
    NamespaceCondition flipped = find(cleared, "NamespaceContentRemaining");
    assertThat(flipped.status()).isEqualTo("False");
    assertThat(flipped.lastTransitionTime()).isEqualTo(T1);
    assertThat(find(cleared, "NamespaceDeletionDiscoveryFailure").lastTransitionTime())
        .isEqualTo(T0);
  }

  @Test
  void conditionsOfOtherTypesAreKept() {
    NamespaceCondition other = new NamespaceCondition("Custom", "True", T0, "Why", "because");
    List<NamespaceCondition> out = new NamespaceConditions(T1).apply(List.of(other));
    assertThat(out.get(0)).isEqualTo(other);
    assertThat(out).hasSize(6);
  }
}
