package dev.keelson.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.patch.PatchSchema.PatchField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The list half of {@link StrategicMerger}: merges a patch list into an original list. Lists of
 * scalars are merged as sets; lists of objects by the field's merge key, honouring the elements'
 * {@code $patch} ({@code delete}, {@code replace}, {@code merge}) and merging matching elements
 * with {@link StrategicMerger#mergeObject}. The result is put in Kubernetes' order ({@link
 * #normalizeOrder}), which {@code $setElementOrder} also uses. Lists without the merge strategy are
 * replaced ({@link #replacementList}).
 */
final class StrategicListMerger {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StrategicListMerger() {}

  /** A list without merge strategy: the patch's list replaces the original's, as it is. */
  static ArrayNode replacementList(ArrayNode patch) {
    return patch.deepCopy();
  }

  static ArrayNode mergeList(ArrayNode original, ArrayNode patch, PatchField field, String path) {
    if (original.isEmpty() && patch.isEmpty()) {
      return original;
    }
    boolean objects = elementsAreObjects(original, patch, path);
    if (!objects) {
      Map<String, JsonNode> merged = new LinkedHashMap<>();
      for (JsonNode v : original) {
        merged.putIfAbsent(JsonValues.canonical(v), v);
      }
      for (JsonNode v : patch) {
        merged.putIfAbsent(JsonValues.canonical(v), v);
      }
      List<JsonNode> patchOrder = elements(patch);
      Positions inPatchOrder = new Positions(patchOrder, "");
      List<JsonNode> inPatch = new ArrayList<>();
      List<JsonNode> serverOnly = new ArrayList<>();
      for (JsonNode v : merged.values()) {
        (inPatchOrder.of(v) >= 0 ? inPatch : serverOnly).add(v);
      }
      return normalizeOrder(inPatch, serverOnly, patchOrder, elements(original), "");
    }
    String key = field.mergeKey();
    if (key.isEmpty()) {
      throw PatchFailedException.of(
          path,
          StrategicMerger.at(path)
              + "cannot merge a list of objects: the field declares no merge key");
    }
    PatchSchema elementSchema = field.elementSchema();
    List<JsonNode> result = elements(original);
    List<JsonNode> plain = new ArrayList<>();
    List<String> plainPaths = new ArrayList<>();
    boolean replace = false;
    Set<String> deleted = new HashSet<>();
    for (int i = 0; i < patch.size(); i++) {
      ObjectNode element = (ObjectNode) patch.get(i);
      String elementPath = path + "[" + i + "]";
      JsonNode directive = element.get(StrategicMerger.PATCH);
      if (directive == null) {
        plain.add(element);
        plainPaths.add(elementPath);
        continue;
      }
      switch (directive.isTextual() ? directive.textValue() : "") {
        case "delete" -> {
          deleted.add(JsonValues.canonical(mergeKeyOf(element, key, elementPath)));
        }
        case "replace" -> replace = true;
        case "merge" -> {
          if (element.size() > 1) {
            ObjectNode content = element.deepCopy();
            content.remove(StrategicMerger.PATCH);
            plain.add(content);
            plainPaths.add(elementPath);
          }
        }
        default -> throw StrategicMerger.unknownPatchDirective(elementPath, directive);
      }
    }
    if (!deleted.isEmpty()) {
      result.removeIf(
          o ->
              o.isObject()
                  && o.get(key) != null
                  && deleted.contains(JsonValues.canonical(o.get(key))));
    }
    if (replace) {
      result = new ArrayList<>();
      for (int i = 0; i < plain.size(); i++) {
        result.add(
            StrategicMerger.mergeObject(
                NODES.objectNode(), (ObjectNode) plain.get(i), elementSchema, plainPaths.get(i)));
      }
      plain = List.of();
    }
    List<JsonNode> serverOrder = List.copyOf(result);
    Map<String, Integer> byKey = new HashMap<>();
    for (int j = 0; j < result.size(); j++) {
      JsonNode o = result.get(j);
      if (o.isObject() && o.get(key) != null) {
        byKey.putIfAbsent(JsonValues.canonical(o.get(key)), j);
      }
    }
    for (int i = 0; i < plain.size(); i++) {
      ObjectNode element = (ObjectNode) plain.get(i);
      String elementPath = plainPaths.get(i);
      String value = JsonValues.canonical(mergeKeyOf(element, key, elementPath));
      Integer found = byKey.get(value);
      if (found != null) {
        result.set(
            found,
            StrategicMerger.mergeObject(
                (ObjectNode) result.get(found), element, elementSchema, elementPath));
      } else {
        byKey.put(value, result.size());
        result.add(
            StrategicMerger.mergeObject(NODES.objectNode(), element, elementSchema, elementPath));
      }
    }
    Positions inPatchOrder = new Positions(plain, key);
    List<JsonNode> inPatch = new ArrayList<>();
    List<JsonNode> serverOnly = new ArrayList<>();
    for (JsonNode v : result) {
      if (!v.isObject() || v.get(key) == null) {
        throw PatchFailedException.of(
            path,
            StrategicMerger.at(path)
                + "an element of the list has no merge key \""
                + key
                + "\": "
                + JsonValues.brief(v));
      }
      (inPatchOrder.of(v) >= 0 ? inPatch : serverOnly).add(v);
    }
    return normalizeOrder(inPatch, serverOnly, plain, serverOrder, key);
  }

  static JsonNode mergeKeyOf(ObjectNode element, String key, String path) {
    JsonNode value = element.get(key);
    if (value == null || value.isNull()) {
      throw PatchException.of(
          StrategicMerger.at(path)
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
          throw PatchFailedException.of(
              path, StrategicMerger.at(path) + "lists of lists are not supported");
        }
        boolean isObject = v.isObject();
        if (objects == null) {
          objects = isObject;
        } else if (objects != isObject) {
          throw PatchFailedException.of(
              path,
              StrategicMerger.at(path)
                  + "list elements are not all of the same type: objects and values");
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
  static ArrayNode normalizeOrder(
      List<JsonNode> inPatch,
      List<JsonNode> serverOnly,
      List<JsonNode> patchOrder,
      List<JsonNode> serverOrder,
      String key) {
    Positions server = new Positions(serverOrder, key);
    List<JsonNode> right = sortedBy(inPatch, new Positions(patchOrder, key));
    List<JsonNode> left = sortedBy(serverOnly, server);
    ArrayNode out = NODES.arrayNode();
    int i = 0;
    int j = 0;
    while (i < left.size() || j < right.size()) {
      if (i >= left.size()) {
        out.add(right.get(j++));
      } else if (j >= right.size()) {
        out.add(left.get(i++));
      } else {
        int li = server.of(left.get(i));
        int ri = server.of(right.get(j));
        if (li >= 0 && ri >= 0 && li < ri) {
          out.add(left.get(i++));
        } else {
          out.add(right.get(j++));
        }
      }
    }
    return out;
  }

  private static List<JsonNode> sortedBy(List<JsonNode> items, Positions order) {
    List<JsonNode> sorted = new ArrayList<>(items);
    sorted.sort(
        Comparator.comparingInt(
            v -> {
              int i = order.of(v);
              return i < 0 ? Integer.MAX_VALUE : i;
            }));
    return sorted;
  }

  /**
   * The first position of each item of a list, by merge key (or by value when the key is empty), so
   * that lookups are constant time and merging a long list stays linear.
   */
  static final class Positions {
    private final Map<String, Integer> first = new HashMap<>();
    private final String key;

    Positions(List<JsonNode> list, String key) {
      this.key = key;
      for (int i = 0; i < list.size(); i++) {
        JsonNode v = key.isEmpty() ? list.get(i) : list.get(i).get(key);
        if (v != null) {
          first.putIfAbsent(JsonValues.canonical(v), i);
        }
      }
    }

    /** The index of the first item equal to {@code item} (by key), or -1. */
    int of(JsonNode item) {
      JsonNode v = key.isEmpty() ? item : item.get(key);
      if (v == null) {
        return -1;
      }
      Integer i = first.get(JsonValues.canonical(v));
      return i == null ? -1 : i;
    }
  }

  static List<JsonNode> elements(ArrayNode array) {
    List<JsonNode> list = new ArrayList<>(array.size());
    array.forEach(list::add);
    return list;
  }
}
