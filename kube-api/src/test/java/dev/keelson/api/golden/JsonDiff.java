package dev.keelson.api.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Field-by-field differences of two JSON trees, as readable paths, for test failure messages. */
final class JsonDiff {
  private JsonDiff() {}

  /**
   * Every path where {@code expected} and {@code actual} differ; empty when the trees are equal.
   */
  static List<String> of(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    diff("", expected, actual, out);
    return out;
  }

  private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
    if (a == null || b == null) {
      out.add(
          (path.isEmpty() ? "<root>" : path)
              + ": "
              + (a == null ? "missing" : a)
              + " != "
              + (b == null ? "missing" : b));
      return;
    }
    if (a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        diff(path.isEmpty() ? n : path + "." + n, a.get(n), b.get(n), out);
      }
      return;
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        diff(path + "[" + i + "]", a.get(i), b.get(i), out);
      }
      return;
    }
    if (!a.equals(b)) {
      out.add(path + ": expected " + a + " but was " + b);
    }
  }

  /**
   * A copy without {@code null}s, empty arrays and empty objects (recursively), the things one
   * encoder writes and another leaves out while meaning the same.
   */
  static JsonNode withoutEmpties(JsonNode node) {
    JsonNode copy = node.deepCopy();
    prune(copy);
    return copy;
  }

  private static boolean prune(JsonNode node) {
    if (node instanceof ObjectNode o) {
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        if (prune(it.next().getValue())) {
          it.remove();
        }
      }
      return o.isEmpty();
    }
    if (node instanceof ArrayNode a) {
      for (int i = a.size() - 1; i >= 0; i--) {
        if (a.get(i).isNull()) {
          a.remove(i);
        } else {
          prune(a.get(i));
        }
      }
      return a.isEmpty();
    }
    return node.isNull();
  }
}
