package dev.keelson.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;

/** Test helper: strategic merge patches written as YAML, as in Kubernetes' own tests. */
final class Yaml {
  private Yaml() {}

  static JsonNode yaml(String text) {
    JsonNode node = KubeJson.parseYaml(text);
    return node.isMissingNode() || node.isNull()
        ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        : node;
  }

  /** Applies the patch and checks that neither input was modified. */
  static JsonNode smp(Class<?> type, String original, String patch) {
    JsonNode o = yaml(original);
    JsonNode p = yaml(patch);
    JsonNode oBefore = o.deepCopy();
    JsonNode pBefore = p.deepCopy();
    JsonNode result = StrategicMergePatch.apply(o, p, type);
    if (!o.equals(oBefore) || !p.equals(pBefore)) {
      throw new AssertionError("the patch modified its input");
    }
    return result;
  }
}
