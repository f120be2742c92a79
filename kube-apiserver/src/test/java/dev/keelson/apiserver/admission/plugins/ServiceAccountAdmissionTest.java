package dev.keelson.apiserver.admission.plugins;

import static dev.keelson.apiserver.admission.plugins.FakeCluster.create;
import static dev.keelson.apiserver.admission.plugins.FakeCluster.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.errors.ForbiddenException;
import org.junit.jupiter.api.Test;

class ServiceAccountAdmissionTest {
  private final FakeCluster cluster = new FakeCluster();
  private final ServiceAccountAdmission plugin = new ServiceAccountAdmission(cluster);

  private static ObjectNode pod(String extraSpec) {
    return yaml(
        """
        metadata: {name: web, namespace: team}
        spec:
          containers: [{name: app, image: nginx}]
          initContainers: [{name: init, image: busybox}]
        """
            + extraSpec);
  }

  private void withServiceAccount(String name, String extra) {
    cluster.put(
        ServiceAccountAdmission.SERVICE_ACCOUNTS,
        yaml("metadata: {name: " + name + ", namespace: team}\n" + extra));
  }

  @Test
  void podWithoutServiceAccountGetsDefaultAndTheProjectedTokenVolumeMountedEverywhere() {
    withServiceAccount("default", "");
    ObjectNode pod = pod("");
    plugin.admit(create("", "pods", "Pod", pod));

    JsonNode spec = pod.path("spec");
    assertThat(spec.path("serviceAccountName").asText()).isEqualTo("default");
    JsonNode volume = spec.path("volumes").get(0);
    assertThat(volume.path("name").asText()).matches("kube-api-access-[a-z0-9]{5}");
    JsonNode sources = volume.path("projected").path("sources");
    assertThat(sources.get(0).path("serviceAccountToken").path("expirationSeconds").asInt())
        .isEqualTo(3607);
    assertThat(sources.get(0).path("serviceAccountToken").path("path").asText()).isEqualTo("token");
    assertThat(sources.get(1).path("configMap").path("name").asText())
        .isEqualTo("kube-root-ca.crt");
    assertThat(sources.get(1).path("configMap").path("items").get(0).path("key").asText())
        .isEqualTo("ca.crt");
    assertThat(
            sources
                .get(2)
                .path("downwardAPI")
                .path("items")
                .get(0)
                .path("fieldRef")
                .path("fieldPath")
                .asText())
        .isEqualTo("metadata.namespace");
    assertThat(volume.path("projected").path("defaultMode").asInt()).isEqualTo(420);
    for (String list : new String[] {"containers", "initContainers"}) {
      JsonNode mount = spec.path(list).get(0).path("volumeMounts").get(0);
      assertThat(mount.path("name").asText()).isEqualTo(volume.path("name").asText());
      assertThat(mount.path("mountPath").asText())
          .isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount");
      assertThat(mount.path("readOnly").asBoolean()).isTrue();
    }
  }

  @Test
  void missingServiceAccountIsForbiddenAsKubernetesWordsIt() {
    assertThatThrownBy(
            () -> plugin.admit(create("", "pods", "Pod", pod("  serviceAccountName: robot\n"))))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "pods \"web\" is forbidden: error looking up service account team/robot:"
                + " serviceaccount \"robot\" not found");
  }

  @Test
  void automountFalseOnThePodOrTheServiceAccountMountsNothing() {
    withServiceAccount("default", "automountServiceAccountToken: false");
    ObjectNode fromSa = pod("");
    plugin.admit(create("", "pods", "Pod", fromSa));
    assertThat(fromSa.path("spec").has("volumes")).isFalse();

    withServiceAccount("robot", "");
    ObjectNode fromPod =
        pod("  serviceAccountName: robot\n  automountServiceAccountToken: false\n");
    plugin.admit(create("", "pods", "Pod", fromPod));
    assertThat(fromPod.path("spec").has("volumes")).isFalse();
  }

  @Test
  void containerThatMountsThePathItselfIsLeftAlone() {
    withServiceAccount("default", "");
    ObjectNode pod =
        yaml(
            """
            metadata: {name: web, namespace: team}
            spec:
              volumes: [{name: own, emptyDir: {}}]
              containers:
              - name: app
                image: nginx
                volumeMounts: [{name: own, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]
            """);
    plugin.admit(create("", "pods", "Pod", pod));
    assertThat(pod.path("spec").path("containers").get(0).path("volumeMounts")).hasSize(1);
  }

  @Test
  void otherResourcesAndMirrorPodsAreNotTouched() {
    ObjectNode cm = yaml("metadata: {name: c, namespace: team}");
    plugin.admit(create("", "configmaps", "ConfigMap", cm));
    ObjectNode mirror =
        yaml(
            """
            metadata: {name: m, namespace: team, annotations: {kubernetes.io/config.mirror: x}}
            spec: {containers: [{name: a, image: b}]}
            """);
    plugin.admit(create("", "pods", "Pod", mirror));
    assertThat(mirror.path("spec").has("serviceAccountName")).isFalse();
  }
}
