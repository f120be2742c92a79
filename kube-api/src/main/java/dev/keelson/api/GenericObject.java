package dev.keelson.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ObjectMeta;
import java.util.Objects;

/**
 * Any object as a JSON tree: custom resources, and kinds the model has no record for. Metadata is
 * available typed; every other field is kept exactly as received, so nothing a client sent is lost.
 *
 * <p>Immutable: the tree is copied on the way in and on the way out ({@link #json()}).
 */
public final class GenericObject implements KubernetesObject {
  private final ObjectNode json;
  private volatile ObjectMeta metadata; // decoded on first use

  private GenericObject(ObjectNode json) {
    this.json = json;
  }

  /** An object from a JSON tree (copied). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static GenericObject of(ObjectNode json) {
    return new GenericObject(Objects.requireNonNull(json, "json").deepCopy());
  }

  /**
   * An object over {@code json} itself, not a copy: for a tree the caller has just built and will
   * never touch again (a decoded store value), where {@link #of(ObjectNode)}'s copy is waste.
   */
  public static GenericObject wrap(ObjectNode json) {
    return new GenericObject(Objects.requireNonNull(json, "json"));
  }

  /** An empty object of the given type and metadata. */
  public static GenericObject of(String apiVersion, String kind, ObjectMeta metadata) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("apiVersion", apiVersion);
    node.put("kind", kind);
    node.set("metadata", KubeJson.toTree(metadata));
    return new GenericObject(node);
  }

  /** A typed object (or any record) converted to a generic one. */
  public static GenericObject from(Object typed) {
    JsonNode node = KubeJson.toTree(typed);
    if (!(node instanceof ObjectNode o)) {
      throw new IllegalArgumentException("not an object: " + typed);
    }
    return new GenericObject(o);
  }

  /** A copy of the whole tree. */
  @JsonValue
  public ObjectNode json() {
    return json.deepCopy();
  }

  @Override
  public String apiVersion() {
    return json.path("apiVersion").asText(null);
  }

  @Override
  public String kind() {
    return json.path("kind").asText(null);
  }

  @Override
  public ObjectMeta metadata() {
    ObjectMeta m = metadata;
    if (m == null) {
      JsonNode node = json.get("metadata");
      m =
          node == null || node.isNull()
              ? ObjectMeta.named(null)
              : KubeJson.convert(node, ObjectMeta.class);
      metadata = m;
    }
    return m;
  }

  @Override
  public GenericObject withMetadata(ObjectMeta metadata) {
    ObjectNode copy = json.deepCopy();
    copy.set("metadata", KubeJson.toTree(metadata));
    return new GenericObject(copy);
  }

  /** The value at a JSON pointer ({@code /spec/replicas}), or a missing node. */
  public JsonNode at(String pointer) {
    return json.at(pointer).deepCopy();
  }

  /** The top-level field, copied, or {@code null}. */
  public JsonNode get(String field) {
    JsonNode n = json.get(field);
    return n == null ? null : n.deepCopy();
  }

  /** A copy with a top-level field set (for example {@code spec} or {@code status}). */
  public GenericObject with(String field, JsonNode value) {
    ObjectNode copy = json.deepCopy();
    copy.set(field, value == null ? null : value.deepCopy());
    if ("metadata".equals(field)) {
      return new GenericObject(copy);
    }
    GenericObject o = new GenericObject(copy);
    o.metadata = this.metadata;
    return o;
  }

  /** This object as a typed record (unknown fields ignored). */
  public <T> T as(Class<T> type) {
    return KubeJson.convert(json, type);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenericObject g && g.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
