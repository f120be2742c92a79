package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ManagedFieldsEntry;
import dev.keelson.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Objects converted to their records for validation as {@link KubeJson#convert(JsonNode, Class)}
 * converts them, but without copying each managedFields entry's FieldsV1 tree (half the cost of
 * converting a freshly created object): the record shares the tree's FieldsV1 nodes.
 */
final class TypedObjects {
  private TypedObjects() {}

  /** {@code obj} as its record of {@code type} (a {@link KubernetesObject} record). */
  static KubernetesObject convert(ObjectNode obj, Class<?> type) {
    JsonNode metadata = obj.get("metadata");
    JsonNode managed = metadata == null ? null : metadata.get("managedFields");
    if (!(metadata instanceof ObjectNode m)
        || !(managed instanceof ArrayNode entries)
        || entries.isEmpty()) {
      return (KubernetesObject) KubeJson.convert(obj, type);
    }
    ArrayNode lean = JsonNodeFactory.instance.arrayNode(entries.size());
    for (JsonNode e : entries) {
      if (!(e instanceof ObjectNode entry)) {
        return (KubernetesObject) KubeJson.convert(obj, type); // left to the full conversion
      }
      lean.add(without(entry, "fieldsV1"));
    }
    ObjectNode leanMetadata = without(m, "managedFields");
    leanMetadata.set("managedFields", lean);
    ObjectNode leanObject = without(obj, "metadata");
    leanObject.set("metadata", leanMetadata);
    KubernetesObject o = (KubernetesObject) KubeJson.convert(leanObject, type);
    List<ManagedFieldsEntry> converted = o.metadata().managedFields();
    if (converted.size() != entries.size()) {
      return (KubernetesObject) KubeJson.convert(obj, type); // never expected: entries dropped
    }
    List<ManagedFieldsEntry> restored = new ArrayList<>(converted.size());
    for (int i = 0; i < converted.size(); i++) {
      JsonNode fields = entries.get(i).get("fieldsV1");
      restored.add(fields == null ? converted.get(i) : converted.get(i).withFieldsV1(fields));
    }
    ObjectMeta meta = o.metadata().withManagedFields(restored);
    return o.withMetadata(meta);
  }

  /** A shallow copy of {@code o} without {@code field} (the other fields keep their order). */
  private static ObjectNode without(ObjectNode o, String field) {
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      if (!e.getKey().equals(field)) {
        copy.set(e.getKey(), e.getValue());
      }
    }
    return copy;
  }
}
