package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.store.KeyValue;

/**
 * Objects as the store holds them: JSON without {@code metadata.resourceVersion}, which is the
 * store's mod revision and is set on the way out (design.md, section 2).
 */
final class StoredObjects {
  private StoredObjects() {}

  /** The object of a stored key-value, with its resource version set. */
  static ObjectNode read(KeyValue kv) {
    JsonNode node = KubeJson.parse(kv.value());
    if (!(node instanceof ObjectNode o)) {
      throw new IllegalStateException("stored value is not an object: " + kv.keyString());
    }
    metadata(o).put("resourceVersion", Long.toString(kv.modRevision()));
    return o;
  }

  /** The bytes to store: the object without its resource version. */
  static byte[] write(ObjectNode object) {
    JsonNode m = object.get("metadata");
    if (m == null || !m.has("resourceVersion")) {
      return KubeJson.encode(object); // nothing to leave out: no copy (every create)
    }
    ObjectNode copy = object.deepCopy();
    metadata(copy).remove("resourceVersion");
    return KubeJson.encode(copy);
  }

  /**
   * Whether {@code json} may contain {@code text} (a byte search: {@code false} means certainly
   * not), to skip decoding a stored object when a field cannot be there.
   */
  static boolean mayContain(byte[] json, String text) {
    byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    outer:
    for (int i = 0, last = json.length - needle.length; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (json[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The object's metadata node, created if absent. */
  static ObjectNode metadata(ObjectNode object) {
    JsonNode m = object.get("metadata");
    if (m instanceof ObjectNode o) {
      return o;
    }
    return object.putObject("metadata");
  }

  /** A text field of the metadata, or {@code null}. */
  static String meta(ObjectNode object, String field) {
    JsonNode m = object.get("metadata");
    if (m == null || !m.hasNonNull(field)) {
      return null;
    }
    return m.get(field).asText();
  }
}
