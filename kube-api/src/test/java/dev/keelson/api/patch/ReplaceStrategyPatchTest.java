package dev.keelson.api.patch;

import static dev.keelson.api.patch.Yaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.policy.v1.PodDisruptionBudget;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code patchStrategy:"replace"} ({@code @PatchStrategy(replace = true)}): a PodDisruptionBudget's
 * selector is replaced whole by a strategic merge patch, not merged label by label.
 */
class ReplaceStrategyPatchTest {
  private static final String PDB =
      """
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: {name: web}
      spec:
        minAvailable: 1
        selector: {matchLabels: {app: web, tier: front}}
      """;

  @Test
  void aPatchReplacesTheSelectorWhole() {
    JsonNode live = KubeJson.toTree(KubeJson.decodeYaml(PDB, PodDisruptionBudget.class));
    JsonNode patched =
        StrategicMergePatch.apply(
            live, yaml("spec: {selector: {matchLabels: {app: api}}}"), PodDisruptionBudget.class);
    PodDisruptionBudget pdb = KubeJson.convert(patched, PodDisruptionBudget.class);
    assertThat(pdb.spec().selector().matchLabels()).isEqualTo(Map.of("app", "api"));
    assertThat(pdb.spec().minAvailable().intValue()).isEqualTo(1);
  }

  @Test
  void theTwoWayPatchCarriesTheWholeNewSelector() {
    JsonNode original = KubeJson.toTree(KubeJson.decodeYaml(PDB, PodDisruptionBudget.class));
    JsonNode modified =
        KubeJson.toTree(
            KubeJson.decodeYaml(
                PDB.replace("tier: front", "tier: back"), PodDisruptionBudget.class));
    ObjectNode patch =
        StrategicMergePatch.createTwoWay(original, modified, PodDisruptionBudget.class);
    assertThat(patch.at("/spec/selector/matchLabels").toString())
        .isEqualTo("{\"app\":\"web\",\"tier\":\"back\"}");
    assertThat(StrategicMergePatch.apply(original, patch, PodDisruptionBudget.class))
        .isEqualTo(modified);
  }
}
