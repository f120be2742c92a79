package dev.keelson.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Applies a structural schema's {@code default}s to a custom resource, as kube-apiserver does on
 * create, update and read from storage: a missing property with a default gets a copy of it; a
 * {@code null} in a property that is not {@code nullable} is replaced by its default, or removed
 * when it has none. Defaults apply inside objects, array items and {@code additionalProperties}
 * values, including inside defaults just set. The root's {@code metadata} is left alone.
 */
public final class Defaulting {
  private Defaulting() {}

  /** Defaults {@code object} (a whole custom resource) in place by {@code schema}. */
  public static void apply(JsonNode schema, ObjectNode object) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    applyObject(schema, object, true);
  }

  private static void apply(JsonNode schema, JsonNode value) {
    if (value instanceof ObjectNode o) {
      applyObject(schema, o, schema.path("x-kubernetes-embedded-resource").asBoolean(false));
    } else if (value instanceof ArrayNode a) {
      JsonNode items = schema.get("items");
      if (items != null && items.isObject()) {
        for (JsonNode element : a) {
          apply(items, element);
        }
      }
    }
  }

  private static void applyObject(JsonNode schema, ObjectNode object, boolean keepMetadata) {
    JsonNode props = schema.get("properties");
    if (props != null && props.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        String name = p.getKey();
        if (keepMetadata && name.equals("metadata")) {
          continue;
        }
        JsonNode prop = p.getValue();
        JsonNode value = object.get(name);
        JsonNode dflt = prop.get("default");
        if (value == null && dflt != null) {
          object.set(name, dflt.deepCopy());
        } else if (value != null && value.isNull() && !prop.path("nullable").asBoolean(false)) {
          if (dflt != null) {
            object.set(name, dflt.deepCopy());
          } else {
            object.remove(name);
          }
        }
        JsonNode now = object.get(name);
        if (now != null) {
          apply(prop, now);
        }
      }
    }
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null && additional.isObject()) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (props != null && props.has(name)) {
          continue;
        }
        JsonNode value = object.get(name);
        if (value.isNull() && !additional.path("nullable").asBoolean(false)) {
          JsonNode dflt = additional.get("default");
          if (dflt != null) {
            object.set(name, dflt.deepCopy());
          }
          continue;
        }
        apply(additional, value);
      }
    }
  }
}
