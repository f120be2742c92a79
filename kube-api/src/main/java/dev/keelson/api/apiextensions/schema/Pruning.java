package dev.keelson.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Drops the fields of a custom resource that its structural schema does not specify, as
 * kube-apiserver does: an object keeps only its {@code properties} (or every key when it has {@code
 * additionalProperties}), unless it is marked {@code x-kubernetes-preserve-unknown-fields}; the
 * root and embedded resources always keep {@code apiVersion}, {@code kind} and {@code metadata}.
 * Reports each dropped field by its path ({@code spec.foo}, {@code spec.items[0].bar}), for
 * fieldValidation's Strict and Warn.
 */
public final class Pruning {
  private static final Set<String> TYPE_META = Set.of("apiVersion", "kind", "metadata");

  private Pruning() {}

  /**
   * Prunes {@code object} (a whole custom resource) in place.
   *
   * @return the paths of the dropped fields, in document order
   */
  public static List<String> prune(JsonNode schema, ObjectNode object) {
    List<String> dropped = new ArrayList<>();
    if (schema == null || !schema.isObject()) {
      return dropped;
    }
    pruneObject(schema, object, "", true, dropped);
    return dropped;
  }

  private static void prune(JsonNode schema, JsonNode value, String path, List<String> dropped) {
    if (value instanceof ObjectNode o) {
      pruneObject(
          schema, o, path, schema.path("x-kubernetes-embedded-resource").asBoolean(false), dropped);
    } else if (value instanceof ArrayNode a) {
      JsonNode items = schema.get("items");
      if (items != null && items.isObject()) {
        for (int i = 0; i < a.size(); i++) {
          prune(items, a.get(i), path + "[" + i + "]", dropped);
        }
      }
    }
  }

  private static void pruneObject(
      JsonNode schema, ObjectNode object, String path, boolean typeMeta, List<String> dropped) {
    boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    JsonNode props = schema.get("properties");
    JsonNode additional = schema.get("additionalProperties");
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      String child = path.isEmpty() ? name : path + "." + name;
      if (typeMeta && TYPE_META.contains(name)) {
        if (!name.equals("metadata") && props != null && props.has(name)) {
          prune(props.get(name), object.get(name), child, dropped);
        }
        continue;
      }
      JsonNode prop = props == null ? null : props.get(name);
      if (prop != null) {
        prune(prop, object.get(name), child, dropped);
      } else if (additional != null && additional.isObject()) {
        prune(additional, object.get(name), child, dropped);
      } else if (!preserve && !(additional != null && additional.asBoolean(false))) {
        object.remove(name);
        dropped.add(child);
      }
    }
  }
}
