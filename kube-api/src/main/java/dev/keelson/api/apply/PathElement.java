package dev.keelson.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.KubeJson;
import java.util.Iterator;
import java.util.Map;

/**
 * One step of a {@link FieldPath}: a field of an object or key of a map ({@code f:name}), an
 * element of a keyed list ({@code k:{"name":"c"}}), of a set ({@code v:"x"}) or, for lists that are
 * neither, a position ({@code i:0}).
 */
public sealed interface PathElement extends Comparable<PathElement> {

  /** The FieldsV1 form: {@code f:name}, {@code k:{..}}, {@code v:..} or {@code i:N}. */
  String encode();

  /**
   * Kubernetes' text form inside a path: {@code .name}, {@code [k="v"]}, {@code [="x"]}, {@code
   * [0]}.
   */
  String text();

  /** Sort order of the kinds (fields, keys, values, indexes), then the encoded text. */
  private int rank() {
    return switch (this) {
      case Field f -> 0;
      case Key k -> 1;
      case Value v -> 2;
      case Index i -> 3;
    };
  }

  @Override
  default int compareTo(PathElement o) {
    int c = Integer.compare(rank(), o.rank());
    if (c != 0) {
      return c;
    }
    return switch (this) {
      case Field f -> f.name().compareTo(((Field) o).name());
      case Key k -> k.json().compareTo(((Key) o).json());
      case Value v -> v.json().compareTo(((Value) o).json());
      case Index i -> Integer.compare(i.index(), ((Index) o).index());
    };
  }

  /** Parses the FieldsV1 form; {@link IllegalArgumentException} if it is none of the four. */
  static PathElement decode(String s) {
    if (s.startsWith("f:")) {
      return new Field(s.substring(2));
    }
    try {
      if (s.startsWith("k:")) {
        JsonNode keys =
            KubeJson.parse(s.substring(2).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!(keys instanceof ObjectNode o)) {
          throw new IllegalArgumentException("a key element must hold a JSON object: " + s);
        }
        return new Key(o);
      }
      if (s.startsWith("v:")) {
        return new Value(
            KubeJson.parse(s.substring(2).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
      if (s.startsWith("i:")) {
        return new Index(Integer.parseInt(s.substring(2)));
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "invalid FieldsV1 path element " + s + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("invalid FieldsV1 path element " + s);
  }

  /** A field of an object, or a key of a map. */
  record Field(String name) implements PathElement {
    @Override
    public String encode() {
      return "f:" + name;
    }

    @Override
    public String text() {
      return "." + name;
    }
  }

  /**
   * An element of a keyed list, by the values of its key fields.
   *
   * @param keys the key fields and their values, sorted by field name
   * @param json {@code keys} as compact JSON (computed once: paths are compared and hashed often)
   */
  record Key(ObjectNode keys, String json) implements PathElement {
    /** The element with these key fields (sorted here). */
    public Key(ObjectNode keys) {
      this(sorted(keys), null);
    }

    public Key {
      if (json == null) {
        json = keys.toString();
      }
    }

    private static ObjectNode sorted(ObjectNode keys) {
      ObjectNode sorted = keys.objectNode();
      new java.util.TreeMap<String, JsonNode>(toMap(keys)).forEach(sorted::set);
      return sorted;
    }

    private static Map<String, JsonNode> toMap(ObjectNode o) {
      Map<String, JsonNode> m = new java.util.LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        m.put(e.getKey(), e.getValue());
      }
      return m;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.json.equals(json);
    }

    @Override
    public int hashCode() {
      return json.hashCode();
    }

    @Override
    public String encode() {
      return "k:" + json;
    }

    @Override
    public String text() {
      StringBuilder b = new StringBuilder("[");
      for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        b.append(e.getKey()).append('=').append(e.getValue().toString());
        if (it.hasNext()) {
          b.append(',');
        }
      }
      return b.append(']').toString();
    }
  }

  /**
   * An element of a set, by its value.
   *
   * @param json {@code value} as compact JSON (computed once)
   */
  record Value(JsonNode value, String json) implements PathElement {
    /** The element with this value. */
    public Value(JsonNode value) {
      this(value, value.toString());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Value v && v.json.equals(json);
    }

    @Override
    public int hashCode() {
      return json.hashCode();
    }

    @Override
    public String encode() {
      return "v:" + json;
    }

    @Override
    public String text() {
      return "[=" + json + "]";
    }
  }

  /** An element of a list that is neither keyed nor a set, by position. */
  record Index(int index) implements PathElement {
    @Override
    public String encode() {
      return "i:" + index;
    }

    @Override
    public String text() {
      return "[" + index + "]";
    }
  }
}
