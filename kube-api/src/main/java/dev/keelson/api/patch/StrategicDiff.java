package dev.keelson.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.patch.PatchSchema.PatchField;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The engine of {@link StrategicMergePatch#createTwoWay}: the patch from one object to another, as
 * kubectl computes it (Kubernetes' {@code CreateTwoWayMergePatch} with {@code $setElementOrder}).
 */
final class StrategicDiff {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StrategicDiff() {}

  /** The patch that turns {@code original} into {@code modified}; empty when they are equal. */
  static ObjectNode diffObjects(
      ObjectNode original, ObjectNode modified, PatchSchema schema, boolean retainKeys) {
    ObjectNode patch = NODES.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = modified.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode to = e.getValue();
      JsonNode from = original.get(name);
      if (from == null) {
        patch.set(name, to.deepCopy());
        continue;
      }
      if (JsonValues.equal(from, to)) {
        continue;
      }
      PatchField field = schema.field(name);
      if (from instanceof ObjectNode f && to instanceof ObjectNode t && !field.replace()) {
        ObjectNode sub = diffObjects(f, t, field.schema(), field.retainKeys());
        if (!sub.isEmpty()) {
          patch.set(name, sub);
        }
      } else if (from instanceof ArrayNode f
          && to instanceof ArrayNode t
          && field.merge()
          && mergeable(f, t, field)) {
        diffList(patch, name, f, t, field);
      } else {
        patch.set(name, to.deepCopy());
      }
    }
    for (Iterator<String> it = original.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!modified.has(name)) {
        patch.putNull(name);
      }
    }
    if (retainKeys && !patch.isEmpty()) {
      ArrayNode keys = NODES.arrayNode();
      Set<String> names = new TreeSet<>();
      modified.fieldNames().forEachRemaining(names::add);
      names.forEach(keys::add);
      patch.set(StrategicMerger.RETAIN_KEYS, keys);
    }
    return patch;
  }

  /** Lists whose elements are all objects with the merge key, or all values (no merge key). */
  private static boolean mergeable(ArrayNode from, ArrayNode to, PatchField field) {
    String key = field.mergeKey();
    for (ArrayNode list : new ArrayNode[] {from, to}) {
      for (JsonNode v : list) {
        boolean ok = key.isEmpty() ? !v.isContainerNode() : v.isObject() && v.get(key) != null;
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }

  private static void diffList(
      ObjectNode patch, String name, ArrayNode from, ArrayNode to, PatchField field) {
    String key = field.mergeKey();
    if (key.isEmpty()) {
      Set<String> before = new HashSet<>();
      from.forEach(v -> before.add(JsonValues.canonical(v)));
      Set<String> after = new HashSet<>();
      to.forEach(v -> after.add(JsonValues.canonical(v)));
      ArrayNode added = NODES.arrayNode();
      for (JsonNode v : to) {
        if (!before.contains(JsonValues.canonical(v))) {
          added.add(v.deepCopy());
        }
      }
      ArrayNode deleted = NODES.arrayNode();
      Set<String> seen = new HashSet<>();
      for (JsonNode v : from) {
        String c = JsonValues.canonical(v);
        if (!after.contains(c) && seen.add(c)) {
          deleted.add(v.deepCopy());
        }
      }
      if (!added.isEmpty()) {
        patch.set(name, added);
      }
      if (!deleted.isEmpty()) {
        patch.set(StrategicMerger.DELETE_FROM_PRIMITIVE_LIST + name, deleted);
      }
      patch.set(StrategicMerger.SET_ELEMENT_ORDER + name, to.deepCopy());
      return;
    }
    Map<String, ObjectNode> before = new HashMap<>();
    for (JsonNode v : from) {
      before.putIfAbsent(JsonValues.canonical(v.get(key)), (ObjectNode) v);
    }
    Set<String> after = new HashSet<>();
    ArrayNode list = NODES.arrayNode();
    ArrayNode order = NODES.arrayNode();
    PatchSchema elementSchema = field.elementSchema();
    for (JsonNode v : to) {
      String k = JsonValues.canonical(v.get(key));
      after.add(k);
      order.addObject().set(key, v.get(key).deepCopy());
      ObjectNode old = before.get(k);
      if (old == null) {
        list.add(v.deepCopy());
      } else {
        ObjectNode sub = diffObjects(old, (ObjectNode) v, elementSchema, field.retainKeys());
        if (!sub.isEmpty()) {
          sub.set(key, v.get(key).deepCopy());
          list.add(sub);
        }
      }
    }
    Set<String> deleted = new HashSet<>();
    for (JsonNode v : from) {
      String k = JsonValues.canonical(v.get(key));
      if (!after.contains(k) && deleted.add(k)) {
        list.addObject().put(StrategicMerger.PATCH, "delete").set(key, v.get(key).deepCopy());
      }
    }
    if (!list.isEmpty()) {
      patch.set(name, list);
    }
    patch.set(StrategicMerger.SET_ELEMENT_ORDER + name, order);
  }
}
