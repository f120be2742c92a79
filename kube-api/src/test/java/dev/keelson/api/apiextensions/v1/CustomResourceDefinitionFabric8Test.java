package dev.keelson.api.apiextensions.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.golden.Fabric8Mapper;
import dev.keelson.api.golden.JsonDiff;
import dev.keelson.api.json.KubeJson;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * fabric8's model as the independent reference for the CRD golden manifest, compared field for
 * field after a normalization of both sides:
 *
 * <ul>
 *   <li>{@code null}s, empty arrays and empty objects are removed, recursively: fabric8 writes some
 *       that Keelson (like Go's {@code omitempty}) leaves out. It cannot hide a dropped value; the
 *       exact comparison with the input is the golden round-trip test's job.
 *   <li>Numbers are compared by value: fabric8 writes a schema's {@code float64}s as Java doubles
 *       ({@code 1.0} for {@code 1}), Keelson as Go does ({@code 1}). Keelson's form is the one the
 *       input had, which the golden round-trip test checks.
 * </ul>
 *
 * <p>This is the shared {@code golden.Fabric8ReferenceTest} with number normalization added; the
 * CRD is left out of that test's table for this reason.
 */
class CustomResourceDefinitionFabric8Test {

  @Test
  void keelsonEncodesTheGoldenCrdAsFabric8Does() throws Exception {
    byte[] in;
    try (InputStream s =
        getClass().getResourceAsStream("/golden/apiextensions-v1-customresourcedefinition.json")) {
      in = s.readAllBytes();
    }
    Object theirs =
        Fabric8Mapper.MAPPER.readValue(
            in, io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class);
    JsonNode fabric8 = normalized(KubeJson.parse(Fabric8Mapper.MAPPER.writeValueAsBytes(theirs)));
    JsonNode keelson =
        normalized(
            KubeJson.parse(KubeJson.encode(KubeJson.decode(in, CustomResourceDefinition.class))));

    assertThat(keelson.toPrettyString()).isEqualTo(fabric8.toPrettyString());
    assertThat(keelson).isEqualTo(fabric8);
    // The normalization must not make the comparison vacuous.
    assertThat(keelson.at("/spec/versions/1/schema/openAPIV3Schema/properties/spec/properties"))
        .hasSizeGreaterThan(10);
  }

  @Test
  void normalizationComparesNumbersByValueOnly() {
    JsonNode a = normalized(KubeJson.parse("{\"m\":1.0,\"n\":[0.50]}".getBytes()));
    JsonNode b = normalized(KubeJson.parse("{\"m\":1,\"n\":[0.5]}".getBytes()));
    JsonNode c = normalized(KubeJson.parse("{\"m\":2,\"n\":[0.5]}".getBytes()));
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  /** A sorted copy without nulls and empties, with every number as a stripped decimal. */
  static JsonNode normalized(JsonNode node) {
    return JsonDiff.sortedWithNumbersByValue(JsonDiff.withoutEmpties(node));
  }
}
