package dev.keelson.api.patch;

import static dev.keelson.api.patch.Yaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.apiextensions.v1.CustomResourceDefinition;
import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.json.KubeJson;
import org.junit.jupiter.api.Test;

/** Strategic merge patch on kinds of the API groups: apps/v1 Deployment, apiextensions CRDs. */
class GroupsStrategicMergePatchTest {

  private static <T> T patch(String live, String patch, Class<T> type) {
    T object = KubeJson.decodeYaml(live, type);
    JsonNode patched = StrategicMergePatch.apply(KubeJson.toTree(object), yaml(patch), type);
    return KubeJson.convert(patched, type);
  }

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: retainkeys-demo}
      spec:
        selector: {matchLabels: {app: nginx}}
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 30%, maxUnavailable: 25%}
        template:
          metadata: {labels: {app: nginx}}
          spec:
            containers:
            - {name: retainkeys-demo-ctr, image: nginx}
      """;

  /**
   * The kubectl patch docs: "Use strategic merge patch to update a Deployment using retainKeys".
   */
  @Test
  void retainKeysOnTheDeploymentStrategyClearsRollingUpdate() {
    Deployment d =
        patch(
            DEPLOYMENT,
            "spec: {strategy: {$retainKeys: [type], type: Recreate}}",
            Deployment.class);
    assertThat(d.spec().strategy().type()).isEqualTo("Recreate");
    assertThat(d.spec().strategy().rollingUpdate()).isNull();

    Deployment without = patch(DEPLOYMENT, "spec: {strategy: {type: Recreate}}", Deployment.class);
    assertThat(without.spec().strategy().rollingUpdate())
        .as("without $retainKeys the old rollingUpdate stays (and validation would reject it)")
        .isNotNull();
  }

  @Test
  void templateContainersMergeByName() {
    Deployment d =
        patch(
            DEPLOYMENT,
            "spec: {template: {spec: {containers: [{name: patch-demo-ctr-2, image: redis}]}}}",
            Deployment.class);
    assertThat(d.spec().template().spec().containers())
        .extracting(c -> c.name() + ":" + c.image())
        .containsExactly("patch-demo-ctr-2:redis", "retainkeys-demo-ctr:nginx");
  }

  @Test
  void crdVersionsHaveNoMergeKeySoTheListIsReplacedWithItsSchema() {
    String crd =
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, kind: Widget}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec: {type: object}
        """;
    CustomResourceDefinition patched =
        patch(
            crd,
            """
            spec:
              versions:
              - name: v1
                schema:
                  openAPIV3Schema:
                    properties:
                      spec:
                        properties:
                          size: {type: integer}
            """,
            CustomResourceDefinition.class);
    JsonNode json = KubeJson.toTree(patched);
    assertThat(
            json.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/size/type")
                .asText())
        .isEqualTo("integer");
    assertThat(patched.spec().versions().get(0).served())
        .as("versions carry no patch strategy in Kubernetes: the list is replaced")
        .isNull();
  }
}
