package dev.keelson.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.json.KubeJson;
import org.junit.jupiter.api.Test;

class PodWorkersTest {
  private static Pod pod(String rv, String phase, String image, String label) {
    return KubeJson.decodeYaml(
        """
        metadata:
          name: p
          namespace: ns
          uid: u1
          resourceVersion: "%s"
          labels: {app: %s}
          managedFields: [{manager: m%s, operation: Update}]
        spec:
          containers: [{name: app, image: %s}]
        status:
          phase: %s
          conditions: [{type: Ready, status: "%s"}]
        """
            .formatted(rv, label, rv, image, phase, rv.equals("1") ? "False" : "True"),
        Pod.class);
  }

  @Test
  void aStatusWriteWithinThePhaseCallsForNoSync() {
    assertThat(
            PodWorkers.onlyStatusMoved(
                pod("1", "Pending", "a", "x"), pod("2", "Pending", "a", "x")))
        .isTrue();
  }

  @Test
  void aNewPhaseASpecChangeOrAMetadataChangeCallsForASync() {
    Pod before = pod("1", "Pending", "a", "x");
    assertThat(PodWorkers.onlyStatusMoved(before, pod("2", "Succeeded", "a", "x"))).isFalse();
    assertThat(PodWorkers.onlyStatusMoved(before, pod("2", "Pending", "b", "x"))).isFalse();
    assertThat(PodWorkers.onlyStatusMoved(before, pod("2", "Pending", "a", "y"))).isFalse();
    assertThat(
            PodWorkers.onlyStatusMoved(
                before,
                before.withMetadata(
                    before.metadata().withDeletionTimestamp(java.time.Instant.EPOCH))))
        .isFalse();
  }

  @Test
  void aReadinessGateSetByAnotherControllerCallsForASync() {
    String yaml =
        """
        metadata: {name: p, namespace: ns, uid: u1, resourceVersion: "%s"}
        spec:
          containers: [{name: app, image: a}]
          readinessGates: [{conditionType: example.com/ready}]
        status:
          phase: Running
          conditions: [{type: example.com/ready, status: "%s"}, {type: Ready, status: "False"}]
        """;
    Pod before = KubeJson.decodeYaml(yaml.formatted("1", "False"), Pod.class);
    assertThat(
            PodWorkers.onlyStatusMoved(
                before, KubeJson.decodeYaml(yaml.formatted("2", "True"), Pod.class)))
        .isFalse();
    assertThat(
            PodWorkers.onlyStatusMoved(
                before, KubeJson.decodeYaml(yaml.formatted("2", "False"), Pod.class)))
        .isTrue();
  }
}
