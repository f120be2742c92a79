package dev.keelson.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The subset of Kubernetes JSONPath that CRD {@code additionalPrinterColumns} use: dotted fields
 * ({@code .spec.replicas}), quoted fields ({@code .metadata.labels['app.kubernetes.io/name']} or
 * {@code ["x"]}), indexes ({@code [0]}, {@code [-1]}), wildcards ({@code [*]}) and equality filters
 * on a field ({@code [?(@.type=="Ready")]}, with {@code ==} or {@code !=}). Parsed once per column.
 */
final class JsonPath {
  private sealed interface Step {}

  private record Field(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record All() implements Step {}

  private record Filter(List<String> path, boolean equal, String value) implements Step {}

  private final String text;
  private final List<Step> steps;

  private JsonPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = steps;
  }

  /**
   * Parses a path, with or without the surrounding braces ({@code {.spec.x}}).
   *
   * @throws IllegalArgumentException if it uses syntax outside the subset
   */
  static JsonPath parse(String path) {
    String p = path.strip();
    if (p.startsWith("{") && p.endsWith("}")) {
      p = p.substring(1, p.length() - 1);
    }
    if (p.startsWith("$")) {
      p = p.substring(1);
    }
    List<Step> steps = new ArrayList<>();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int j = i + 1;
        while (j < p.length() && p.charAt(j) != '.' && p.charAt(j) != '[') {
          j++;
        }
        if (j > i + 1) {
          steps.add(new Field(p.substring(i + 1, j)));
        }
        i = j;
      } else if (c == '[') {
        int end = closing(p, i);
        String inner = p.substring(i + 1, end).strip();
        steps.add(bracket(inner, path));
        i = end + 1;
      } else {
        throw new IllegalArgumentException("unsupported JSONPath: " + path);
      }
    }
    return new JsonPath(path, steps);
  }

  private static int closing(String p, int open) {
    int depth = 0;
    char quote = 0;
    for (int k = open; k < p.length(); k++) {
      char c = p.charAt(k);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return k;
      }
    }
    throw new IllegalArgumentException("unclosed [ in JSONPath: " + p);
  }

  private static Step bracket(String inner, String path) {
    if (inner.equals("*")) {
      return new All();
    }
    if (isQuoted(inner)) {
      return new Field(inner.substring(1, inner.length() - 1));
    }
    if (inner.startsWith("?(") && inner.endsWith(")")) {
      String cond = inner.substring(2, inner.length() - 1).strip();
      boolean equal = true;
      int op = cond.indexOf("==");
      if (op < 0) {
        op = cond.indexOf("!=");
        equal = false;
      }
      if (op < 0 || !cond.startsWith("@")) {
        throw new IllegalArgumentException("unsupported JSONPath filter: " + path);
      }
      String left = cond.substring(1, op).strip();
      String right = cond.substring(op + 2).strip();
      if (isQuoted(right)) {
        right = right.substring(1, right.length() - 1);
      }
      List<String> fieldPath = new ArrayList<>();
      for (String f : left.split("\\.")) {
        if (!f.isEmpty()) {
          fieldPath.add(f);
        }
      }
      return new Filter(fieldPath, equal, right);
    }
    try {
      return new Index(Integer.parseInt(inner));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unsupported JSONPath: " + path);
    }
  }

  private static boolean isQuoted(String s) {
    return s.length() >= 2
        && ((s.startsWith("'") && s.endsWith("'")) || (s.startsWith("\"") && s.endsWith("\"")));
  }

  /** The values the path selects in {@code root}, in document order; empty when none. */
  List<JsonNode> evaluate(JsonNode root) {
    List<JsonNode> current = new ArrayList<>(List.of(root));
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode n : current) {
        switch (step) {
          case Field f -> {
            JsonNode v = n.get(f.name());
            if (v != null && !v.isNull()) {
              next.add(v);
            }
          }
          case Index ix -> {
            if (n.isArray()) {
              int k = ix.index() < 0 ? n.size() + ix.index() : ix.index();
              if (k >= 0 && k < n.size()) {
                next.add(n.get(k));
              }
            }
          }
          case All a -> n.forEach(next::add);
          case Filter flt -> {
            if (n.isArray()) {
              for (JsonNode e : n) {
                JsonNode v = e;
                for (String f : flt.path()) {
                  v = v.path(f);
                }
                boolean matches = v.isValueNode() && v.asText().equals(flt.value());
                if (matches == flt.equal()) {
                  next.add(e);
                }
              }
            }
          }
        }
      }
      current = next;
    }
    return current;
  }

  @Override
  public String toString() {
    return text;
  }
}
