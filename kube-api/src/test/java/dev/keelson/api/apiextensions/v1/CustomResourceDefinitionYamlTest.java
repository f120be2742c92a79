package dev.keelson.api.apiextensions.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.json.DecodeException;
import dev.keelson.api.json.Decoded;
import dev.keelson.api.json.FieldValidation;
import dev.keelson.api.json.KubeJson;
import org.junit.jupiter.api.Test;

/** CRDs are mostly written in YAML; the schema's unions and numbers work there too. */
class CustomResourceDefinitionYamlTest {
  private static final String CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: crontabs.stable.example.com
      spec:
        group: stable.example.com
        scope: Namespaced
        names: {plural: crontabs, singular: crontab, kind: CronTab, shortNames: [ct]}
        versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    cronSpec: {type: string, pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'}
                    replicas: {type: integer, minimum: 1, maximum: 10, default: 1}
                    labels:
                      type: object
                      additionalProperties: {type: string}
                    extra:
                      type: object
                      additionalProperties: false
                    args:
                      type: array
                      items: {type: string}
          subresources:
            status: {}
            scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
      """;

  @Test
  void yamlManifestDecodesAndWritesGoJson() {
    CustomResourceDefinition crd = KubeJson.decodeYaml(CRD, CustomResourceDefinition.class);
    JSONSchemaProps spec =
        crd.spec().versions().get(0).schema().openAPIV3Schema().properties().get("spec");
    assertThat(spec.properties().get("labels").additionalProperties().schema())
        .isEqualTo(JSONSchemaProps.ofType("string"));
    assertThat(spec.properties().get("extra").additionalProperties())
        .isEqualTo(JSONSchemaPropsOrBool.of(false));
    assertThat(spec.properties().get("args").items().schema())
        .isEqualTo(JSONSchemaProps.ofType("string"));
    assertThat(crd.spec().versions().get(0).subresources().status()).isNotNull();

    assertThat(KubeJson.encodeToString(spec.properties().get("replicas")))
        .isEqualTo("{\"type\":\"integer\",\"default\":1,\"maximum\":10,\"minimum\":1}");
    assertThat(KubeJson.toTree(crd)).isEqualTo(KubeJson.parseYaml(CRD));
  }

  @Test
  void unknownFieldsInsideSchemasAreReportedWithTheirPaths() {
    String json =
        "{\"properties\":{\"a\":{\"type\":\"object\",\"bogus\":1,"
            + "\"additionalProperties\":{\"typo\":\"string\"},"
            + "\"items\":[{\"x\":true}]}}}";
    Decoded<JSONSchemaProps> d =
        KubeJson.decode(json.getBytes(), JSONSchemaProps.class, FieldValidation.WARN);
    assertThat(d.unknownFields())
        .containsExactlyInAnyOrder(
            "properties.a.bogus",
            "properties.a.additionalProperties.typo",
            "properties.a.items[0].x");
    assertThatThrownBy(
            () -> KubeJson.decode(json.getBytes(), JSONSchemaProps.class, FieldValidation.STRICT))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("unknown field \"properties.a.bogus\"");
  }
}
