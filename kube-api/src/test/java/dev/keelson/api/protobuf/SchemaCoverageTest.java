package dev.keelson.api.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.Decoded;
import dev.keelson.api.json.FieldValidation;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.protobuf.internal.Schema;
import dev.keelson.api.protobuf.internal.Schema.Field;
import dev.keelson.api.protobuf.internal.Schema.Message;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * For every built-in typed kind, an object with every field Kubernetes' protobuf schema knows set
 * is decoded by the model: lists the fields the model lacks (they would be dropped, with a warning,
 * from protobuf bodies).
 */
class SchemaCoverageTest {
  private static final JsonNodeFactory N = JsonNodeFactory.instance;

  @Test
  void everyReferencedMessageIsInTheSchema() {
    Set<String> missing = new TreeSet<>();
    for (Message m : Schema.builtin().messages().values()) {
      for (Field f : m.fields().values()) {
        String t = f.type();
        if (Character.isLowerCase(t.charAt(0)) && !t.contains(".")) {
          continue; // a scalar
        }
        if (Schema.builtin().message(t).isEmpty()) {
          missing.add(m.name() + "." + f.json() + ": " + t);
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  /**
   * Built with every field of the schema set, each built-in typed kind decodes into its model
   * record without unknown-field warnings, except batch/v1 JobSpec.scheduling (alpha, newer than
   * the model). This also checks the JSON names the generator took from the Go types.
   */
  @Test
  void theModelKnowsEveryFieldOfEveryBuiltinKind() {
    Set<String> gaps = new TreeSet<>();
    for (ResourceType type : ResourceRegistry.builtins().all()) {
      if (!type.isTyped()) {
        continue;
      }
      Message m = Schema.builtin().kind(type.gvk()).orElseThrow();
      ObjectNode full = (ObjectNode) sample(m.name(), 0);
      full.put("apiVersion", type.apiVersion());
      full.put("kind", type.kind());
      Decoded<?> d = KubeJson.convert(full, type.javaType(), FieldValidation.WARN);
      for (String w : d.warnings()) {
        gaps.add(type.kind() + ": " + w);
      }
    }
    assertThat(gaps)
        .as("fields the model lacks")
        .allSatisfy(g -> assertThat(g).matches("(Cron)?Job: unknown field .*scheduling\""));
  }

  private static JsonNode sample(String type, int depth) {
    switch (type) {
      case "string":
        return N.textNode("x");
      case "bytes":
        return N.textNode("eA==");
      case "int32", "int64":
        return N.numberNode(1);
      case "bool":
        return N.booleanNode(true);
      case "double", "float":
        return N.numberNode(1.5);
      case "k8s.io.apimachinery.pkg.apis.meta.v1.Time":
        return N.textNode("2024-01-01T00:00:00Z");
      case "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime":
        return N.textNode("2024-01-01T00:00:00.000000Z");
      case "k8s.io.apimachinery.pkg.apis.meta.v1.Duration":
        return N.textNode("1s");
      case "k8s.io.apimachinery.pkg.api.resource.Quantity":
        return N.textNode("1");
      case "k8s.io.apimachinery.pkg.util.intstr.IntOrString":
        return N.numberNode(1);
      case "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1",
      "k8s.io.apimachinery.pkg.runtime.RawExtension",
      "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON":
        return N.objectNode();
      case "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray",
      "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool",
      "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray":
        return depth > 6
            ? N.objectNode()
            : sample(
                "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps", depth);
      default:
        break;
    }
    Message m = Schema.builtin().message(type).orElseThrow(() -> new AssertionError(type));
    if (m.array()) {
      ArrayNode a = N.arrayNode();
      a.add(sample(m.fields().get(1).type(), depth + 1));
      return a;
    }
    ObjectNode o = N.objectNode();
    if (depth > 6) {
      return o;
    }
    List<Field> fields = new ArrayList<>(m.fields().values());
    for (Field f : fields) {
      JsonNode v = sample(f.type(), depth + 1);
      if (f.inline()) {
        if (v instanceof ObjectNode inner) {
          o.setAll(inner);
        }
        continue;
      }
      switch (f.cardinality()) {
        case OPTIONAL -> o.set(f.json(), v);
        case REPEATED -> o.putArray(f.json()).add(v);
        case MAP -> o.putObject(f.json()).set("k", v);
      }
    }
    return o;
  }
}
