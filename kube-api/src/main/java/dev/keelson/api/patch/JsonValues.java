package dev.keelson.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Helpers on JSON trees shared by the patch kinds. */
final class JsonValues {
  private JsonValues() {}

  /**
   * Deep JSON equality: numbers compare by value ({@code 1 == 1.0}), objects ignore member order,
   * arrays compare element by element.
   */
  static boolean equal(JsonNode a, JsonNode b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode other = b.get(e.getKey());
        if (other == null || !equal(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /**
   * The size of {@code node} as compact JSON, estimated without escaping and counted only up to
   * {@code budget}: the result is exact enough for limits and is {@code > budget} when the node is
   * larger, however large it is, without walking more than about {@code budget} bytes of it.
   */
  static long size(JsonNode node, long budget) {
    long[] acc = {0};
    count(node, acc, budget);
    return acc[0];
  }

  private static void count(JsonNode node, long[] acc, long budget) {
    if (acc[0] > budget) {
      return;
    }
    switch (node.getNodeType()) {
      case OBJECT -> {
        acc[0] += 2;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          acc[0] += e.getKey().length() + 4; // quotes, colon, comma
          count(e.getValue(), acc, budget);
          if (acc[0] > budget) {
            return;
          }
        }
      }
      case ARRAY -> {
        acc[0] += 2;
        for (JsonNode element : node) {
          acc[0] += 1;
          count(element, acc, budget);
          if (acc[0] > budget) {
            return;
          }
        }
      }
      case STRING -> acc[0] += node.textValue().length() + 2;
      case NUMBER -> acc[0] += node.asText().length();
      case BOOLEAN -> acc[0] += node.booleanValue() ? 4 : 5;
      default -> acc[0] += 4;
    }
  }

  /** The JSON type of a node, for messages: {@code object}, {@code array}, {@code string}, ... */
  static String typeName(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case OBJECT, POJO -> "object";
      case ARRAY -> "array";
      case STRING, BINARY -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
      case MISSING -> "nothing";
    };
  }

  /** A short rendering of a value for messages (compact JSON, cut after 100 characters). */
  static String brief(JsonNode node) {
    String s = String.valueOf(node);
    return s.length() <= 100 ? s : s.substring(0, 97) + "...";
  }
}
