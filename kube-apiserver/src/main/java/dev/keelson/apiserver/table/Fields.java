package dev.keelson.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.json.Times;
import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.selector.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Null-safe reads of JSON object trees, and Kubernetes' printing of labels and selectors. */
final class Fields {
  private Fields() {}

  /** The node at {@code path}, or a missing node. */
  static JsonNode at(JsonNode node, String... path) {
    JsonNode n = node == null ? MissingNode.getInstance() : node;
    for (String p : path) {
      n = n.path(p);
    }
    return n;
  }

  /** A text field, {@code ""} when absent or null. */
  static String text(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    return n.isValueNode() && !n.isNull() ? n.asText() : "";
  }

  /** An integer field, 0 when absent. */
  static long integer(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    return n.isNumber() ? n.asLong() : 0;
  }

  /** Whether an optional boolean is present. */
  static boolean isSet(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    return !n.isMissingNode() && !n.isNull();
  }

  /** A time field, {@code null} when absent or unparsable. */
  static Instant time(JsonNode node, String... path) {
    String t = text(node, path);
    if (t.isEmpty()) {
      return null;
    }
    try {
      return Times.parse(t);
    } catch (RuntimeException e) {
      try {
        return Instant.parse(t);
      } catch (RuntimeException e2) {
        return null;
      }
    }
  }

  /** The elements of an array field, empty when absent. */
  static List<JsonNode> list(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    List<JsonNode> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(out::add);
    }
    return out;
  }

  /** The number of fields of an object field (a map), 0 when absent. */
  static int size(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    return n.isObject() || n.isArray() ? n.size() : 0;
  }

  /** A string map field, keys sorted. */
  static Map<String, String> map(JsonNode node, String... path) {
    Map<String, String> out = new TreeMap<>();
    JsonNode n = at(node, path);
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    return out;
  }

  /** Kubernetes' {@code labels.FormatLabels}: {@code a=1,b=2}, or {@code <none>}. */
  static String labels(JsonNode node, String... path) {
    Map<String, String> m = map(node, path);
    if (m.isEmpty()) {
      return "<none>";
    }
    StringBuilder b = new StringBuilder();
    m.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return b.toString();
  }

  /**
   * A label selector in selector syntax ({@code app=web,tier in (a,b)}); {@code ""} for an empty or
   * absent one, {@code <error>} when it is invalid.
   */
  static String selector(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    if (!n.isObject()) {
      return "";
    }
    try {
      return Selector.fromLabelSelector(KubeJson.convert(n, LabelSelector.class)).toString();
    } catch (RuntimeException e) {
      return "<error>";
    }
  }

  /** Kubernetes' {@code metav1.FormatLabelSelector}: the selector, or {@code <none>}. */
  static String formatSelector(JsonNode node, String... path) {
    String s = selector(node, path);
    return s.isEmpty() ? "<none>" : s;
  }

  /** The container names and images of a pod spec, each comma separated. */
  static List<Object> containers(JsonNode podSpec) {
    List<String> names = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (JsonNode c : list(podSpec, "containers")) {
      names.add(text(c, "name"));
      images.add(text(c, "image"));
    }
    List<Object> out = new ArrayList<>();
    out.add(String.join(",", names));
    out.add(String.join(",", images));
    return out;
  }

  /** {@code metadata.name}. */
  static String name(JsonNode object) {
    return text(object, "metadata", "name");
  }

  /** {@code metadata.creationTimestamp}. */
  static Instant created(JsonNode object) {
    return time(object, "metadata", "creationTimestamp");
  }
}
