package dev.keelson.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.values.IntOrString;
import dev.keelson.controllers.testing.Harness;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentUtilTest {
  @Test
  void surgeRoundsUpAndUnavailabilityRoundsDown() {
    int[] f = DeploymentUtil.resolveFenceposts(IntOrString.of("25%"), IntOrString.of("25%"), 10);
    assertThat(f).containsExactly(3, 2);
    f = DeploymentUtil.resolveFenceposts(IntOrString.of("25%"), IntOrString.of("25%"), 1);
    assertThat(f).containsExactly(1, 0);
    f = DeploymentUtil.resolveFenceposts(IntOrString.of(2), IntOrString.of("50%"), 5);
    assertThat(f).containsExactly(2, 2);
  }

  @Test
  void zeroSurgeAndZeroUnavailabilityAllowOneUnavailable() {
    assertThat(DeploymentUtil.resolveFenceposts(IntOrString.of(0), IntOrString.of(0), 3))
        .containsExactly(0, 1);
    assertThat(DeploymentUtil.resolveFenceposts(IntOrString.of("10%"), IntOrString.of("10%"), 3))
        .containsExactly(1, 0); // 0.3 rounds up to 1 surge, down to 0 unavailable
  }

  @Test
  void templateHashIsStableSafeAndChangesWithTemplateAndCollisionCount() {
    PodTemplateSpec t = Harness.template(Map.of("app", "web"), "nginx:1");
    String h = DeploymentUtil.templateHash(t, null);
    assertThat(h).matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}");
    assertThat(DeploymentUtil.templateHash(t, null)).isEqualTo(h);
    assertThat(DeploymentUtil.templateHash(Harness.template(Map.of("app", "web"), "nginx:2"), null))
        .isNotEqualTo(h);
    assertThat(DeploymentUtil.templateHash(t, 1)).isNotEqualTo(h);
  }

  @Test
  void templatesCompareWithoutTheHashLabel() {
    PodTemplateSpec t = Harness.template(Map.of("app", "web"), "nginx:1");
    PodTemplateSpec hashed =
        Harness.template(Map.of("app", "web", DeploymentUtil.POD_TEMPLATE_HASH, "abc"), "nginx:1");
    assertThat(DeploymentUtil.equalIgnoreHash(t, hashed)).isTrue();
    assertThat(DeploymentUtil.equalIgnoreHash(t, Harness.template(Map.of("app", "web"), "nginx:2")))
        .isFalse();
  }

  @Test
  void templatesCompareSemanticallySoAnEmptyResourcesObjectEqualsNone() {
    // kubectl rollout undo patches the Deployment with the old ReplicaSet's template as Go
    // serialises it, so "resources: {}" appears where the stored template had no resources.
    PodTemplateSpec applied =
        KubeJson.decodeYaml(
            """
            metadata: {labels: {app: web, pod-template-hash: abc}}
            spec:
              containers: [{name: web, image: "nginx:1", ports: [{containerPort: 80}]}]
            """,
            PodTemplateSpec.class);
    PodTemplateSpec undone =
        KubeJson.decodeYaml(
            """
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: web, image: "nginx:1", ports: [{containerPort: 80}], resources: {}, env: []}
            """,
            PodTemplateSpec.class);
    assertThat(DeploymentUtil.equalIgnoreHash(applied, undone)).isTrue();
    PodTemplateSpec limited =
        KubeJson.decodeYaml(
            """
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: web, image: "nginx:1", ports: [{containerPort: 80}],
                 resources: {limits: {cpu: "1"}}}
            """,
            PodTemplateSpec.class);
    assertThat(DeploymentUtil.equalIgnoreHash(applied, limited)).isFalse();
  }
}
