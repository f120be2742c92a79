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
import java.util.Comparator;
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
      if (current instanceof ObjectNode o && value instanceof ObjectNode p) {
        merged = mergeObject(o, p, field.schema(), fieldPath);
      } else if (current instanceof ArrayNode a && value instanceof ArrayNode p) {
        merged = field.merge() ? mergeList(a, p, field, fieldPath) : replacementList(p);
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
      return field.merge() ? mergeList(NODES.arrayNode(), p, field, path) : replacementList(p);
    }
    return value.deepCopy();
  }

  /** A list without merge strategy: the patch's list replaces the original's, as it is. */
  private static ArrayNode replacementList(ArrayNode patch) {
    return patch.deepCopy();
  }

  // Lists with the merge strategy.

  private static ArrayNode mergeList(
      ArrayNode original, ArrayNode patch, PatchField field, String path) {
    if (original.isEmpty() && patch.isEmpty()) {
      return original;
    }
    boolean objects = elementsAreObjects(original, patch, path);
    if (!objects) {
      List<JsonNode> merged = new ArrayList<>();
      for (JsonNode v : original) {
        addIfAbsent(merged, v);
      }
      for (JsonNode v : patch) {
        addIfAbsent(merged, v);
      }
      List<JsonNode> patchOrder = elements(patch);
      List<JsonNode> inPatch = new ArrayList<>();
      List<JsonNode> serverOnly = new ArrayList<>();
      for (JsonNode v : merged) {
        (indexOf(patchOrder, v, "") >= 0 ? inPatch : serverOnly).add(v);
      }
      return normalizeOrder(inPatch, serverOnly, patchOrder, elements(original), "");
    }
    String key = field.mergeKey();
    if (key.isEmpty()) {
      throw PatchFailedException.of(
          path, at(path) + "cannot merge a list of objects: the field declares no merge key");
    }
    PatchSchema elementSchema = field.elementSchema();
    List<JsonNode> result = elements(original);
    List<JsonNode> plain = new ArrayList<>();
    List<String> plainPaths = new ArrayList<>();
    boolean replace = false;
    for (int i = 0; i < patch.size(); i++) {
      ObjectNode element = (ObjectNode) patch.get(i);
      String elementPath = path + "[" + i + "]";
      JsonNode directive = element.get(PATCH);
      if (directive == null) {
        plain.add(element);
        plainPaths.add(elementPath);
        continue;
      }
      switch (directive.isTextual() ? directive.textValue() : "") {
        case "delete" -> {
          JsonNode value = mergeKeyOf(element, key, elementPath);
          result.removeIf(o -> o.isObject() && JsonValues.equal(o.get(key), value));
        }
        case "replace" -> replace = true;
        case "merge" -> {
          if (element.size() > 1) {
            ObjectNode content = element.deepCopy();
            content.remove(PATCH);
            plain.add(content);
            plainPaths.add(elementPath);
          }
        }
        default -> throw unknownPatchDirective(elementPath, directive);
      }
    }
    if (replace) {
      result = new ArrayList<>();
      for (int i = 0; i < plain.size(); i++) {
        result.add(
            mergeObject(
                NODES.objectNode(), (ObjectNode) plain.get(i), elementSchema, plainPaths.get(i)));
      }
      plain = List.of();
    }
    List<JsonNode> serverOrder = List.copyOf(result);
    for (int i = 0; i < plain.size(); i++) {
      ObjectNode element = (ObjectNode) plain.get(i);
      String elementPath = plainPaths.get(i);
      JsonNode value = mergeKeyOf(element, key, elementPath);
      int found = -1;
      for (int j = 0; j < result.size(); j++) {
        JsonNode o = result.get(j);
        if (o.isObject() && JsonValues.equal(o.get(key), value)) {
          found = j;
          break;
        }
      }
      if (found >= 0) {
        result.set(
            found,
            mergeObject((ObjectNode) result.get(found), element, elementSchema, elementPath));
      } else {
        result.add(mergeObject(NODES.objectNode(), element, elementSchema, elementPath));
      }
    }
    List<JsonNode> inPatch = new ArrayList<>();
    List<JsonNode> serverOnly = new ArrayList<>();
    for (JsonNode v : result) {
      if (!v.isObject() || v.get(key) == null) {
        throw PatchFailedException.of(
            path,
            at(path)
                + "an element of the list has no merge key \""
                + key
                + "\": "
                + JsonValues.brief(v));
      }
      (indexOf(plain, v, key) >= 0 ? inPatch : serverOnly).add(v);
    }
    return normalizeOrder(inPatch, serverOnly, plain, serverOrder, key);
  }

  private static JsonNode mergeKeyOf(ObjectNode element, String key, String path) {
    JsonNode value = element.get(key);
    if (value == null || value.isNull()) {
      throw PatchException.of(
          at(path)
              + "the element does not contain the merge key \""
              + key
              + "\": "
              + JsonValues.brief(element));
    }
    return value;
  }

  /**
   * Whether the elements of both lists are objects (else scalars). Lists of lists and lists that
   * mix objects and scalars cannot be merged: 422, as Kubernetes answers for lists of lists.
   */
  private static boolean elementsAreObjects(ArrayNode original, ArrayNode patch, String path) {
    Boolean objects = null;
    for (ArrayNode list : List.of(original, patch)) {
      for (JsonNode v : list) {
        if (v.isArray()) {
          throw PatchFailedException.of(path, at(path) + "lists of lists are not supported");
        }
        boolean isObject = v.isObject();
        if (objects == null) {
          objects = isObject;
        } else if (objects != isObject) {
          throw PatchFailedException.of(
              path, at(path) + "list elements are not all of the same type: objects and values");
        }
      }
    }
    return objects != null && objects;
  }

  /**
   * Kubernetes' order for a merged list: the items the patch mentions in the patch's order, the
   * others in the original's order, and the two interleaved so that a server-only item comes before
   * a patch item when it came before it in the original.
   */
  private static ArrayNode normalizeOrder(
      List<JsonNode> inPatch,
      List<JsonNode> serverOnly,
      List<JsonNode> patchOrder,
      List<JsonNode> serverOrder,
      String key) {
    List<JsonNode> right = sortedBy(inPatch, patchOrder, key);
    List<JsonNode> left = sortedBy(serverOnly, serverOrder, key);
    ArrayNode out = NODES.arrayNode();
    int i = 0;
    int j = 0;
    while (i < left.size() || j < right.size()) {
      if (i >= left.size()) {
        out.add(right.get(j++));
      } else if (j >= right.size()) {
        out.add(left.get(i++));
      } else {
        int li = indexOf(serverOrder, left.get(i), key);
        int ri = indexOf(serverOrder, right.get(j), key);
        if (li >= 0 && ri >= 0 && li < ri) {
          out.add(left.get(i++));
        } else {
          out.add(right.get(j++));
        }
      }
    }
    return out;
  }

  private static List<JsonNode> sortedBy(List<JsonNode> items, List<JsonNode> order, String key) {
    List<JsonNode> sorted = new ArrayList<>(items);
    sorted.sort(
        Comparator.comparingInt(
            v -> {
              int i = indexOf(order, v, key);
              return i < 0 ? Integer.MAX_VALUE : i;
            }));
    return sorted;
  }

  /** The index of {@code item} in {@code list}: by merge key, or by value when key is empty. */
  private static int indexOf(List<JsonNode> list, JsonNode item, String key) {
    JsonNode wanted = key.isEmpty() ? item : item.get(key);
    if (wanted == null) {
      return -1;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode v = list.get(i);
      JsonNode candidate = key.isEmpty() ? v : v.get(key);
      if (candidate != null && JsonValues.equal(candidate, wanted)) {
        return i;
      }
    }
    return -1;
  }

  private static void addIfAbsent(List<JsonNode> list, JsonNode v) {
    if (indexOf(list, v, "") < 0) {
      list.add(v);
    }
  }

  private static List<JsonNode> elements(ArrayNode array) {
    List<JsonNode> list = new ArrayList<>(array.size());
    array.forEach(list::add);
    return list;
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
    List<JsonNode> orderList = elements((ArrayNode) order);
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
        mergeKeyOf((ObjectNode) orderList.get(i), key, listPath + "[$setElementOrder " + i + "]");
      }
    }
    validateOrder(
        inPatch ? (ArrayNode) patchList : NODES.arrayNode(), orderList, orderKey, list, listPath);

    ArrayNode merged;
    if (inOriginal && inPatch) {
      merged =
          field.merge()
              ? mergeList((ArrayNode) current, (ArrayNode) patchList, field, listPath)
              : replacementList((ArrayNode) patchList);
    } else if (inPatch) {
      merged =
          field.merge()
              ? mergeList(NODES.arrayNode(), (ArrayNode) patchList, field, listPath)
              : replacementList((ArrayNode) patchList);
    } else if (inOriginal) {
      merged = (ArrayNode) current;
    } else {
      return true;
    }
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
      (indexOf(orderList, v, orderKey) >= 0 ? inOrder : serverOnly).add(v);
    }
    List<JsonNode> serverOrder = inOriginal ? elements((ArrayNode) current) : List.of();
    original.set(list, normalizeOrder(inOrder, serverOnly, orderList, serverOrder, orderKey));
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
        mergeKeyOf((ObjectNode) item, key, path + "[" + p + "]");
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
    List<JsonNode> toDelete = elements((ArrayNode) values);
    ArrayNode kept = NODES.arrayNode();
    for (JsonNode v : current) {
      if (indexOf(toDelete, v, "") < 0) {
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

  private static PatchException unknownPatchDirective(String path, JsonNode directive) {
    return PatchException.of(
        at(path)
            + "unknown $patch directive "
            + JsonValues.brief(directive)
            + " (expected \"replace\", \"delete\" or \"merge\")");
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String at(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }
}
