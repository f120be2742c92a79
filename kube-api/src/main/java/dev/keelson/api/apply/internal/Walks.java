package dev.keelson.api.apply.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.apply.FieldPath;
import dev.keelson.api.apply.FieldType;
import dev.keelson.api.apply.PathElement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The walks over JSON trees by {@link FieldType}: the set of fields a value sets, the comparison of
 * two values, the merge of an applied configuration into a live object, and removal at a path. JSON
 * {@code null} (a Java null) means absent. Inputs are never modified.
 */
public final class Walks {
  private Walks() {}

  /** What changed between two values: paths added, modified (leaves) and removed. */
  public record Comparison(Set<FieldPath> added, Set<FieldPath> modified, Set<FieldPath> removed) {
    /** Whether nothing changed. */
    public boolean isSame() {
      return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
    }
  }

  /** Thrown for an applied configuration that cannot be merged (for example duplicate keys). */
  public static final class InvalidConfigException extends IllegalArgumentException {
    public InvalidConfigException(String message) {
      super(message);
    }
  }

  // ------------------------------------------------------------------ shape

  private enum Shape {
    OBJECT,
    LIST,
    LEAF
  }

  private static Shape shape(FieldType t, JsonNode v) {
    if (v == null || t.atomic()) {
      return Shape.LEAF;
    }
    return switch (t) {
      case FieldType.Struct s -> v.isObject() ? Shape.OBJECT : Shape.LEAF;
      case FieldType.MapType m -> v.isObject() ? Shape.OBJECT : Shape.LEAF;
      case FieldType.Deduced d -> v.isObject() ? Shape.OBJECT : Shape.LEAF;
      case FieldType.ListType l -> v.isArray() ? Shape.LIST : Shape.LEAF;
      case FieldType.Scalar s -> Shape.LEAF;
    };
  }

  private static FieldType child(FieldType t, String key) {
    return switch (t) {
      case FieldType.Struct s -> s.field(key);
      case FieldType.MapType m -> m.values();
      default -> FieldType.DEDUCED;
    };
  }

  private static boolean declared(FieldType t, String key) {
    return t instanceof FieldType.Struct s && s.declared(key) != null;
  }

  /** The path element of a list item: its key fields (keyed lists) or its value (sets). */
  public static PathElement element(FieldType.ListType t, JsonNode item) {
    if (t.kind() == FieldType.ListKind.MAP && item.isObject()) {
      ObjectNode keys = JsonNodeFactory.instance.objectNode();
      for (String k : t.keys()) {
        JsonNode v = item.get(k);
        if (v != null && !v.isNull()) {
          keys.set(k, v);
        }
      }
      return new PathElement.Key(keys);
    }
    return new PathElement.Value(item);
  }

  /** The items of a list by their path element; the first of duplicates wins. */
  private static Map<PathElement, JsonNode> items(FieldType.ListType t, JsonNode list) {
    Map<PathElement, JsonNode> m = new LinkedHashMap<>();
    if (list != null && list.isArray()) {
      for (JsonNode item : list) {
        m.putIfAbsent(element(t, item), item);
      }
    }
    return m;
  }

  private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode o) {
    return o::fields;
  }

  // ------------------------------------------------------------------ field sets

  /** The paths a value sets, as server-side apply records an applied configuration. */
  public static Set<FieldPath> fieldSet(JsonNode value, FieldType type) {
    Set<FieldPath> out = new HashSet<>();
    fieldSet(FieldPath.ROOT, value, type, out, 0);
    out.remove(FieldPath.ROOT);
    return out;
  }

  private static void fieldSet(FieldPath at, JsonNode v, FieldType t, Set<FieldPath> out, int d) {
    depth(d);
    switch (shape(t, v)) {
      case LEAF -> out.add(at);
      case OBJECT -> {
        for (Map.Entry<String, JsonNode> e : fields(v)) {
          FieldPath p = at.field(e.getKey());
          JsonNode c = e.getValue();
          fieldSet(p, c, child(t, e.getKey()), out, d + 1);
          if (c.isNull() || (c.isObject() && c.isEmpty()) || !declared(t, e.getKey())) {
            out.add(p);
          }
        }
      }
      case LIST -> {
        FieldType.ListType l = (FieldType.ListType) t;
        for (JsonNode item : v) {
          FieldPath p = at.child(element(l, item));
          fieldSet(p, item, l.element(), out, d + 1);
          out.add(p);
        }
      }
    }
  }

  private static void depth(int d) {
    if (d > 200) {
      throw new InvalidConfigException("the object is nested too deeply");
    }
  }

  // ------------------------------------------------------------------ comparison

  /** What changed from {@code lhs} to {@code rhs}. */
  public static Comparison compare(JsonNode lhs, JsonNode rhs, FieldType type) {
    Comparison c = new Comparison(new HashSet<>(), new HashSet<>(), new HashSet<>());
    compare(FieldPath.ROOT, lhs, rhs, type, c, 0);
    c.added().remove(FieldPath.ROOT);
    c.removed().remove(FieldPath.ROOT);
    c.modified().remove(FieldPath.ROOT);
    return c;
  }

  private static void compare(
      FieldPath at, JsonNode lhs, JsonNode rhs, FieldType t, Comparison c, int d) {
    depth(d);
    Shape a = shape(t, lhs);
    Shape b = shape(t, rhs);
    Shape s = lhs == null ? b : rhs == null ? a : a == b ? a : Shape.LEAF;
    if (s == Shape.OBJECT && isEmpty(lhs) && isEmpty(rhs)) {
      s = Shape.LEAF;
    }
    switch (s) {
      case LEAF -> {
        if (lhs == null && rhs != null) {
          c.added().add(at);
        } else if (rhs == null && lhs != null) {
          c.removed().add(at);
        } else if (lhs != null && !lhs.equals(rhs)) {
          c.modified().add(at);
        }
        return;
      }
      case OBJECT -> {
        Set<String> keys = new LinkedHashSet<>();
        if (lhs != null) {
          lhs.fieldNames().forEachRemaining(keys::add);
        }
        if (rhs != null) {
          rhs.fieldNames().forEachRemaining(keys::add);
        }
        for (String k : keys) {
          compare(
              at.field(k),
              lhs == null ? null : lhs.get(k),
              rhs == null ? null : rhs.get(k),
              child(t, k),
              c,
              d + 1);
        }
      }
      case LIST -> {
        FieldType.ListType l = (FieldType.ListType) t;
        Map<PathElement, JsonNode> left = items(l, lhs);
        Map<PathElement, JsonNode> right = items(l, rhs);
        Set<PathElement> all = new LinkedHashSet<>(left.keySet());
        all.addAll(right.keySet());
        for (PathElement e : all) {
          compare(at.child(e), left.get(e), right.get(e), l.element(), c, d + 1);
        }
      }
    }
    if (lhs == null) {
      c.added().add(at);
    } else if (rhs == null) {
      c.removed().add(at);
    }
  }

  // ------------------------------------------------------------------ created fields

  /**
   * The FieldsV1 form of what a create sets: every path {@code compare(null, value, type)} adds,
   * less those {@code ignored} names, built in one walk of {@code value} (no path sets, no trie).
   * {@code ignored} must be decided by a path's first {@code ignoredDepth} steps (a path below an
   * ignored one is ignored; below that depth a path is ignored only if its ancestor at that depth
   * is), so deeper paths are not tested. Returns an empty object when nothing is left.
   */
  public static ObjectNode createdFields(
      JsonNode value, FieldType type, Predicate<FieldPath> ignored, int ignoredDepth) {
    if (shape(type, value) == Shape.OBJECT && !value.isEmpty()) {
      return createdChildren(FieldPath.ROOT, value, type, ignored, ignoredDepth, 0, false);
    }
    return JsonNodeFactory.instance.objectNode(); // a leaf root owns nothing: ROOT is dropped
  }

  /** The FieldsV1 node of a created member {@code at} holding {@code v} ({@code at} null: deep). */
  private static ObjectNode created(
      FieldPath at,
      JsonNode v,
      FieldType t,
      Predicate<FieldPath> ignored,
      int ignoredDepth,
      int d) {
    depth(d);
    Shape s = shape(t, v);
    if (s == Shape.OBJECT && v.isEmpty()) {
      s = Shape.LEAF;
    }
    if (s == Shape.LEAF) {
      return JsonNodeFactory.instance.objectNode();
    }
    return createdChildren(at, v, t, ignored, ignoredDepth, d, s == Shape.LIST);
  }

  private static ObjectNode createdChildren(
      FieldPath at,
      JsonNode v,
      FieldType t,
      Predicate<FieldPath> ignored,
      int ignoredDepth,
      int d,
      boolean list) {
    boolean test = d < ignoredDepth;
    List<Map.Entry<PathElement, ObjectNode>> children = new ArrayList<>(v.size());
    if (list) {
      FieldType.ListType l = (FieldType.ListType) t;
      Map<PathElement, JsonNode> items = items(l, v);
      for (Map.Entry<PathElement, JsonNode> e : items.entrySet()) {
        FieldPath p = test ? at.child(e.getKey()) : null;
        if (test && ignored.test(p)) {
          continue;
        }
        children.add(
            Map.entry(
                e.getKey(), created(p, e.getValue(), l.element(), ignored, ignoredDepth, d + 1)));
      }
    } else {
      for (Map.Entry<String, JsonNode> e : fields(v)) {
        PathElement.Field f = new PathElement.Field(e.getKey());
        FieldPath p = test ? at.child(f) : null;
        if (test && ignored.test(p)) {
          continue;
        }
        children.add(
            Map.entry(
                f, created(p, e.getValue(), child(t, e.getKey()), ignored, ignoredDepth, d + 1)));
      }
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (children.isEmpty()) {
      return out;
    }
    if (d > 0) {
      out.putObject("."); // every created path is a member, the root excepted
    }
    if (children.size() > 1) {
      children.sort(Map.Entry.comparingByKey());
    }
    for (Map.Entry<PathElement, ObjectNode> c : children) {
      out.set(c.getKey().encode(), c.getValue());
    }
    return out;
  }

  private static boolean isEmpty(JsonNode v) {
    return v == null || v.isEmpty();
  }

  // ------------------------------------------------------------------ merge

  /**
   * {@code config} merged into {@code live}: fields of structs and maps one by one, keyed lists and
   * sets item by item (live order, new items appended), anything atomic replaced. A JSON null in
   * the configuration removes the field.
   *
   * @throws InvalidConfigException if a keyed list or set of the configuration repeats an item
   */
  public static JsonNode merge(JsonNode live, JsonNode config, FieldType type) {
    return merge(FieldPath.ROOT, live, config, type, 0);
  }

  private static JsonNode merge(FieldPath at, JsonNode live, JsonNode config, FieldType t, int d) {
    depth(d);
    if (config == null) {
      return live;
    }
    Shape a = shape(t, live);
    Shape b = shape(t, config);
    if (b == Shape.LIST) {
      checkDuplicates(at, (FieldType.ListType) t, config);
    }
    if (live == null || a != b || b == Shape.LEAF) {
      return b == Shape.LEAF ? config : merge(at, empty(b), config, t, d);
    }
    if (b == Shape.OBJECT) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : fields(live)) {
        JsonNode cv = config.get(e.getKey());
        if (cv == null) {
          out.set(e.getKey(), e.getValue());
        } else if (!cv.isNull()) {
          out.set(
              e.getKey(),
              merge(at.field(e.getKey()), e.getValue(), cv, child(t, e.getKey()), d + 1));
        }
      }
      for (Map.Entry<String, JsonNode> e : fields(config)) {
        if (!live.has(e.getKey()) && !e.getValue().isNull()) {
          out.set(
              e.getKey(),
              merge(at.field(e.getKey()), null, e.getValue(), child(t, e.getKey()), d + 1));
        }
      }
      return out;
    }
    FieldType.ListType l = (FieldType.ListType) t;
    Map<PathElement, JsonNode> applied = items(l, config);
    Set<PathElement> seen = new HashSet<>();
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (JsonNode item : live) {
      PathElement e = element(l, item);
      JsonNode cv = applied.get(e);
      if (cv != null && seen.add(e)) {
        out.add(merge(at.child(e), item, cv, l.element(), d + 1));
      } else {
        out.add(item);
      }
    }
    for (Map.Entry<PathElement, JsonNode> e : applied.entrySet()) {
      if (!seen.contains(e.getKey())) {
        out.add(merge(at.child(e.getKey()), null, e.getValue(), l.element(), d + 1));
      }
    }
    return out;
  }

  private static JsonNode empty(Shape s) {
    return s == Shape.OBJECT
        ? JsonNodeFactory.instance.objectNode()
        : JsonNodeFactory.instance.arrayNode();
  }

  private static void checkDuplicates(FieldPath at, FieldType.ListType l, JsonNode list) {
    Set<PathElement> seen = new HashSet<>();
    for (JsonNode item : list) {
      PathElement e = element(l, item);
      if (l.kind() == FieldType.ListKind.MAP) {
        if (!item.isObject()) {
          throw new InvalidConfigException(
              at + ": expected an object in a list keyed by " + l.keys());
        }
        for (String k : l.keys()) {
          if (!item.hasNonNull(k)) {
            throw new InvalidConfigException(
                at
                    + ": associative list with keys has an element that omits key field \""
                    + k
                    + "\"");
          }
        }
      }
      if (!seen.add(e)) {
        throw new InvalidConfigException(
            at
                + ": duplicate entries for key "
                + (e instanceof PathElement.Key k ? k.text() : "[" + item + "]"));
      }
    }
  }

  // ------------------------------------------------------------------ removal

  /** A copy of {@code value} without what lies at {@code path} (unchanged if absent). */
  public static JsonNode remove(JsonNode value, FieldPath path, FieldType type) {
    if (path.size() == 0 || value == null) {
      return value;
    }
    JsonNode copy = value.deepCopy();
    removeIn(copy, path.elements(), 0, type);
    return copy;
  }

  /** Removes each path from {@code value} in place (a copy is made by the caller). */
  public static void removeAll(JsonNode value, List<FieldPath> paths, FieldType type) {
    for (FieldPath p : paths) {
      if (p.size() > 0) {
        removeIn(value, p.elements(), 0, type);
      }
    }
  }

  private static void removeIn(JsonNode node, List<PathElement> path, int i, FieldType t) {
    PathElement e = path.get(i);
    boolean last = i == path.size() - 1;
    if (e instanceof PathElement.Field f && node instanceof ObjectNode o) {
      if (last) {
        o.remove(f.name());
      } else if (o.get(f.name()) != null) {
        removeIn(o.get(f.name()), path, i + 1, child(t, f.name()));
      }
      return;
    }
    if (node instanceof ArrayNode a && t instanceof FieldType.ListType l) {
      List<Integer> at = new ArrayList<>();
      for (int k = 0; k < a.size(); k++) {
        JsonNode item = a.get(k);
        boolean match =
            e instanceof PathElement.Index idx ? idx.index() == k : element(l, item).equals(e);
        if (match) {
          at.add(k);
        }
      }
      for (int k = at.size() - 1; k >= 0; k--) {
        if (last) {
          a.remove(at.get(k));
        } else {
          removeIn(a.get(at.get(k)), path, i + 1, l.element());
        }
      }
    }
  }
}
