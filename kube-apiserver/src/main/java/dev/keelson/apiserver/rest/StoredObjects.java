package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.store.KeyValue;
import java.util.Map;

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
   * A new object's stored bytes, and where its metadata's closing brace lies in them: the answer to
   * the create is the same bytes with the resource version inserted there, as encoding the object
   * again after {@code metadata.put("resourceVersion", ..)} (a new last field) writes it.
   */
  record Encoded(byte[] stored, int metadataEnd) {
    /** The object's JSON with {@code metadata.resourceVersion} set (appended to metadata). */
    byte[] withResourceVersion(String resourceVersion) {
      byte[] field =
          (",\"resourceVersion\":\"" + resourceVersion + "\"")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      byte[] out = new byte[stored.length + field.length];
      System.arraycopy(stored, 0, out, 0, metadataEnd);
      System.arraycopy(field, 0, out, metadataEnd, field.length);
      System.arraycopy(
          stored, metadataEnd, out, metadataEnd + field.length, stored.length - metadataEnd);
      return out;
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectWriter TREE_WRITER =
      KubeJson.mapper()
          .writer()
          .without(com.fasterxml.jackson.databind.SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

  /**
   * {@link #write}'s bytes of a new object with the offset of its metadata's end, or null when the
   * object has no metadata fields or already names a resource version ({@link #write} then).
   */
  static Encoded encodeNew(ObjectNode object) {
    if (!(object.get("metadata") instanceof ObjectNode metadata)
        || metadata.isEmpty()
        || metadata.has("resourceVersion")) {
      return null;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(2048);
    int end = -1;
    try (com.fasterxml.jackson.core.JsonGenerator g = KubeJson.mapper().createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        g.writeFieldName(e.getKey());
        if (e.getValue() != metadata) {
          TREE_WRITER.writeValue(g, e.getValue());
          continue;
        }
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> f : metadata.properties()) {
          g.writeFieldName(f.getKey());
          TREE_WRITER.writeValue(g, f.getValue());
        }
        g.flush();
        end = out.size();
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new Encoded(out.toByteArray(), end);
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
