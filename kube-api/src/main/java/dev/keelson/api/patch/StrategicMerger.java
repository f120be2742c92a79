package dev.keelson.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.patch.PatchSchema.ListOf;
import dev.keelson.api.patch.PatchSchema.MapOf;
import dev.keelson.api.patch.PatchSchema.PatchField;
import dev.keelson.api.patch.PatchSchema.RecordSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine of {@link StrategicMergePatch}: merges a read-only patch into a private, mutable copy
 * of the original. Follows kube-apiserver's {@code strategicpatch.StrategicMergeMapPatch} (merge
 * options {@code MergeParallelList} and {@code IgnoreUnmatchedNulls}).
 *
 * <p>This class walks objects and applies the directives ({@code $patch}, {@code $retainKeys},
 * {@code $setElementOrder/<list>}, {@code $deleteFromPrimitiveList/<list>}); merging the lists that
 * have the merge strategy, and ordering the result, is {@link StrategicListMerger}'s.
 */
final class StrategicMerger {
  static final String PATCH = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String SET_ELEMENT_ORDER = "$setElementOrder/";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StrategicMerger() {}

  /** Merges {@code patch} into {@code original} (modified in place); returns the result. */
  static ObjectNode mergeObject(
      ObjectNode original, ObjectNode patch, PatchSchema schema, String path) {
    JsonNode directive = patch.get(PATCH);
    if (directive != null) {
      String d = directive.isTextual() ? directive.textValue() : "";
      switch (d) {
        case "replace" -> {
          ObjectNode content = patch.deepCopy();
          content.remove(PATCH);
          return mergeObject(NODES.objectNode(), content, schema, path);
        }
        case "delete" -> {
          return NODES.objectNode();
        }
        case "merge" -> {}
        default -> throw unknownPatchDirective(path, directive);
      }
    }
    retainKeys(original, patch, path);

    Set<String> ordered = new HashSet<>();
    List<Map.Entry<String, JsonNode>> deletions = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith(SET_ELEMENT_ORDER)) {
        String list = directiveTarget(e.getKey(), SET_ELEMENT_ORDER, path);
        if (setElementOrder(original, patch, list, e.getValue(), schema, path)) {
          ordered.add(list);
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode value = e.getValue();
      if (name.equals(PATCH)
          || name.equals(RETAIN_KEYS)
          || name.startsWith(SET_ELEMENT_ORDER)
          || ordered.contains(name)) {
        continue;
      }
      if (name.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        deletions.add(e);
        continue;
      }
      if (name.startsWith("$") && !schema.allowsDollarKey(name)) {
        throw PatchException.of(
            at(path)
                + "unknown patch directive \""
                + name
                + "\" (expected $patch, $retainKeys, $setElementOrder/<list> or"
                + " $deleteFromPrimitiveList/<list>)");
      }
      PatchField field = schema.field(name);
      String fieldPath = join(path, name);
      if (value.isNull()) {
        original.remove(name);
        continue;
      }
      checkType(value, field.schema(), fieldPath);
      JsonNode current = original.get(name);
      JsonNode merged;
      if (current instanceof ObjectNode o && value instanceof ObjectNode p && !field.replace()) {
        merged = mergeObject(o, p, field.schema(), fieldPath);
      } else if (current instanceof ArrayNode a && value instanceof ArrayNode p) {
        merged =
            field.merge()
                ? StrategicListMerger.mergeList(a, p, field, fieldPath)
                : StrategicListMerger.replacementList(p);
      } else {
        merged = fresh(value, field, fieldPath);
      }
      if (merged == null) {
        original.remove(name);
      } else {
        original.set(name, merged);
      }
    }
    for (Map.Entry<String, JsonNode> e : deletions) {
      String list = directiveTarget(e.getKey(), DELETE_FROM_PRIMITIVE_LIST, path);
      deleteFromPrimitiveList(original, list, e.getValue(), path);
    }
    return original;
  }

  /** A patch value for a field the original lacks: the patch merged into nothing. */
  private static JsonNode fresh(JsonNode value, PatchField field, String path) {
    if (value instanceof ObjectNode p) {
      JsonNode d = p.get(PATCH);
      if (d != null && d.isTextual() && d.textValue().equals("delete")) {
        return null; // deleting what is not there
      }
      return mergeObject(NODES.objectNode(), p, field.schema(), path);
    }
    if (value instanceof ArrayNode p) {
      return field.merge()
          ? StrategicListMerger.mergeList(NODES.arrayNode(), p, field, path)
          : StrategicListMerger.replacementList(p);
    }
    return value.deepCopy();
  }

  // Directives.

  /** Applies {@code $retainKeys}: clears the original's fields not listed. */
  private static void retainKeys(ObjectNode original, ObjectNode patch, String path) {
    JsonNode retain = patch.get(RETAIN_KEYS);
    if (retain == null) {
      return;
    }
    if (!retain.isArray()) {
      throw PatchException.of(
          at(path)
              + "$retainKeys must be a list of field names, got "
              + JsonValues.typeName(retain));
    }
    Set<String> keep = new LinkedHashSet<>();
    for (JsonNode k : retain) {
      if (!k.isTextual()) {
        throw PatchException.of(
            at(path)
                + "$retainKeys must be a list of field names, got "
                + JsonValues.brief(retain));
      }
      keep.add(k.textValue());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (e.getValue().isNull()
          || name.equals(PATCH)
          || name.equals(RETAIN_KEYS)
          || name.startsWith(SET_ELEMENT_ORDER)
          || name.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        continue;
      }
      if (!keep.contains(name)) {
        throw PatchException.of(
            at(path) + "the patch sets \"" + name + "\", which its $retainKeys list does not hold");
      }
    }
    original.retain(keep);
  }

  /**
   * Applies {@code $setElementOrder/<list>}: merges the list (as the patch says) and orders the
   * result by the given order; items the order does not mention (the server's own) keep their
   * relative order and are interleaved by their place in the original. Returns whether the list was
   * handled (it then needs no further merging).
   */
  private static boolean setElementOrder(
      ObjectNode original,
      ObjectNode patch,
      String list,
      JsonNode order,
      PatchSchema schema,
      String path) {
    String listPath = join(path, list);
    if (!order.isArray()) {
      throw PatchException.of(
          at(listPath)
              + "$setElementOrder/"
              + list
              + " must be a list, got "
              + JsonValues.typeName(order));
    }
    if (schema instanceof RecordSchema r && !r.has(list)) {
      throw PatchException.of(
          at(path) + "$setElementOrder/" + list + " names no field of " + r.type().getSimpleName());
    }
    PatchField field = schema.field(list);
    String key = field.merge() ? field.mergeKey() : "";
    JsonNode current = original.get(list);
    JsonNode patchList = patch.get(list);
    if (patchList != null && patchList.isNull()) {
      return false; // the list is deleted; nothing to order
    }
    boolean inOriginal = current != null && !current.isNull();
    boolean inPatch = patchList != null;
    if (inOriginal && !current.isArray()) {
      throw PatchFailedException.of(
          listPath, at(listPath) + "expected a list, got " + JsonValues.typeName(current));
    }
    if (inPatch) {
      checkType(patchList, new ListOf(field.elementSchema()), listPath);
    }
    List<JsonNode> orderList = StrategicListMerger.elements((ArrayNode) order);
    boolean objects = !key.isEmpty() && orderHasObjects(orderList, current, patchList);
    String orderKey = objects ? key : "";
    if (objects) {
      for (int i = 0; i < orderList.size(); i++) {
        if (!orderList.get(i).isObject()) {
          throw PatchException.of(
              at(listPath)
                  + "$setElementOrder/"
                  + list
                  + "["
                  + i
                  + "] must be an object with the merge key \""
                  + key
                  + "\"");
        }
        StrategicListMerger.mergeKeyOf(
            (ObjectNode) orderList.get(i), key, listPath + "[$setElementOrder " + i + "]");
      }
    }
    validateOrder(
        inPatch ? (ArrayNode) patchList : NODES.arrayNode(), orderList, orderKey, list, listPath);

    ArrayNode merged;
    if (inOriginal && inPatch) {
      merged =
          field.merge()
              ? StrategicListMerger.mergeList(
                  (ArrayNode) current, (ArrayNode) patchList, field, listPath)
              : StrategicListMerger.replacementList((ArrayNode) patchList);
    } else if (inPatch) {
      merged =
          field.merge()
              ? StrategicListMerger.mergeList(
                  NODES.arrayNode(), (ArrayNode) patchList, field, listPath)
              : StrategicListMerger.replacementList((ArrayNode) patchList);
    } else if (inOriginal) {
      merged = (ArrayNode) current;
    } else {
      return true;
    }
    StrategicListMerger.Positions orderPositions =
        new StrategicListMerger.Positions(orderList, orderKey);
    List<JsonNode> inOrder = new ArrayList<>();
    List<JsonNode> serverOnly = new ArrayList<>();
    for (JsonNode v : merged) {
      if (objects && (!v.isObject() || v.get(key) == null)) {
        throw PatchFailedException.of(
            listPath,
            at(listPath)
                + "an element of the list has no merge key \""
                + key
                + "\": "
                + JsonValues.brief(v));
      }
      (orderPositions.of(v) >= 0 ? inOrder : serverOnly).add(v);
    }
    List<JsonNode> serverOrder =
        inOriginal ? StrategicListMerger.elements((ArrayNode) current) : List.of();
    original.set(
        list,
        StrategicListMerger.normalizeOrder(inOrder, serverOnly, orderList, serverOrder, orderKey));
    return true;
  }

  private static boolean orderHasObjects(List<JsonNode> order, JsonNode current, JsonNode patch) {
    for (JsonNode list : new JsonNode[] {current, patch}) {
      if (list != null && list.isArray() && !list.isEmpty()) {
        return list.get(0).isObject();
      }
    }
    return !order.isEmpty() && order.get(0).isObject();
  }

  /**
   * The items of the patch list (other than deletions) must appear in the order list, in the same
   * relative order.
   */
  private static void validateOrder(
      ArrayNode patchList, List<JsonNode> order, String key, String list, String path) {
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode v : patchList) {
      if (!(v.isObject() && v.has(PATCH))) {
        items.add(v);
      }
    }
    int p = 0;
    int o = 0;
    while (p < items.size() && o < order.size()) {
      JsonNode item = items.get(p);
      JsonNode a = key.isEmpty() ? item : item.get(key);
      JsonNode b = key.isEmpty() ? order.get(o) : order.get(o).get(key);
      if (a == null) {
        if (!(item instanceof ObjectNode element)) {
          throw PatchException.of(
              at(path + "[" + p + "]")
                  + "the element must be an object with the merge key \""
                  + key
                  + "\", got "
                  + JsonValues.typeName(item));
        }
        StrategicListMerger.mergeKeyOf(element, key, path + "[" + p + "]");
      }
      if (JsonValues.equal(a, b)) {
        p++;
      }
      o++;
    }
    if (p < items.size()) {
      throw PatchException.of(
          at(path)
              + "the items of the list in the patch are not all in $setElementOrder/"
              + list
              + ", or not in the same order: "
              + JsonValues.brief(patchList)
              + " against "
              + JsonValues.brief(NODES.arrayNode().addAll(order)));
    }
  }

  /** Applies {@code $deleteFromPrimitiveList/<list>}: removes the given values from the list. */
  private static void deleteFromPrimitiveList(
      ObjectNode original, String list, JsonNode values, String path) {
    String listPath = join(path, list);
    if (!values.isArray()) {
      throw PatchException.of(
          at(listPath)
              + "$deleteFromPrimitiveList/"
              + list
              + " must be a list of values, got "
              + JsonValues.typeName(values));
    }
    for (JsonNode v : values) {
      if (v.isContainerNode()) {
        throw PatchException.of(
            at(listPath)
                + "$deleteFromPrimitiveList/"
                + list
                + " must be a list of values, not of objects or lists");
      }
    }
    JsonNode current = original.get(list);
    if (current == null || !current.isArray()) {
      return;
    }
    Set<String> toDelete = new HashSet<>();
    values.forEach(v -> toDelete.add(JsonValues.canonical(v)));
    ArrayNode kept = NODES.arrayNode();
    for (JsonNode v : current) {
      if (!toDelete.contains(JsonValues.canonical(v))) {
        kept.add(v);
      }
    }
    original.set(list, kept);
  }

  // Helpers.

  /** A patch value whose JSON type cannot be the field's: 422, as decoding it would answer. */
  private static void checkType(JsonNode value, PatchSchema schema, String path) {
    String expected = null;
    if (schema instanceof ListOf && !value.isArray()) {
      expected = "a list";
    } else if ((schema instanceof MapOf || schema instanceof RecordSchema) && !value.isObject()) {
      expected = "an object";
    }
    if (expected != null) {
      throw PatchFailedException.of(
          path, at(path) + "expected " + expected + ", got " + JsonValues.typeName(value));
    }
  }

  private static String directiveTarget(String key, String prefix, String path) {
    String target = key.substring(prefix.length());
    if (target.isEmpty()) {
      throw PatchException.of(at(path) + "\"" + key + "\" names no field");
    }
    return target;
  }

  static PatchException unknownPatchDirective(String path, JsonNode directive) {
    return PatchException.of(
        at(path)
            + "unknown $patch directive "
            + JsonValues.brief(directive)
            + " (expected \"replace\", \"delete\" or \"merge\")");
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static String at(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }
}
