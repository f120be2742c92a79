package dev.keelson.api.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Field-by-field differences of two JSON trees, as readable paths, for test failure messages. */
public final class JsonDiff {
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
  public static JsonNode withoutEmpties(JsonNode node) {
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

  /**
   * A copy with the fields of every object in sorted order and every number as a stripped decimal,
   * so that numbers compare by value only ({@code 1.0} equals {@code 1}).
   */
  public static JsonNode sortedWithNumbersByValue(JsonNode node) {
    if (node.isNumber()) {
      BigDecimal d = node.decimalValue().stripTrailingZeros();
      return DecimalNode.valueOf(d.signum() == 0 ? BigDecimal.ZERO : d);
    }
    if (node instanceof ObjectNode o) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      o.fields()
          .forEachRemaining(e -> sorted.put(e.getKey(), sortedWithNumbersByValue(e.getValue())));
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode e : a) {
        out.add(sortedWithNumbersByValue(e));
      }
      return out;
    }
    return node.deepCopy();
  }
}
