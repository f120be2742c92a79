package dev.keelson.watch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.json.KubeJson;
import dev.keelson.watch.FieldExtractor;
import dev.keelson.watch.ResourceKeys;
import dev.keelson.watch.StoredObject;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns stored bytes (object JSON without a resource version) into a {@link StoredObject}: parsed
 * once, {@code metadata.resourceVersion} set to the store revision, serialized once, labels and
 * selectable fields extracted once.
 */
final class Decoder {
  static final String NAME_FIELD = "metadata.name";
  static final String NAMESPACE_FIELD = "metadata.namespace";

  private final ResourceKeys keys;
  private final FieldExtractor extractor;

  Decoder(ResourceKeys keys, FieldExtractor extractor) {
    this.keys = keys;
    this.extractor = extractor;
  }

  /**
   * Decodes one stored value.
   *
   * @throws RuntimeException if the value is not a JSON object
   */
  StoredObject decode(String key, byte[] value, long revision) {
    JsonNode tree = KubeJson.parse(value);
    if (!(tree instanceof ObjectNode object)) {
      throw new IllegalArgumentException("stored value of " + key + " is not a JSON object");
    }
    return build(key, object, revision);
  }

  /** The same object, as the version removed by a delete at {@code revision}. */
  StoredObject reversion(StoredObject object, long revision) {
    return build(object.key(), object.object().json(), revision);
  }

  private StoredObject build(String key, ObjectNode object, long revision) {
    JsonNode metaNode = object.get("metadata");
    ObjectNode meta = metaNode instanceof ObjectNode m ? m : object.putObject("metadata");
    meta.put("resourceVersion", Long.toString(revision));
    Map<String, String> labels = new HashMap<>();
    JsonNode labelNode = meta.get("labels");
    if (labelNode != null && labelNode.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = labelNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isTextual()) {
          labels.put(e.getKey(), e.getValue().textValue());
        }
      }
    }
    byte[] json = KubeJson.encode(object);
    GenericObject generic = GenericObject.wrap(object); // a fresh tree, never modified again
    String namespace;
    String name;
    try {
      ResourceKeys.ObjectName n = keys.parse(key);
      namespace = n.namespace();
      name = n.name();
    } catch (IllegalArgumentException e) {
      namespace = meta.path("namespace").asText("");
      name = meta.path("name").asText("");
    }
    namespace = namespace.intern(); // so that filters compare namespaces by identity first
    Map<String, String> fields = new HashMap<>(extractor.fields(generic));
    fields.put(NAME_FIELD, name);
    fields.put(NAMESPACE_FIELD, namespace);
    return new StoredObject(key, namespace, name, revision, labels, fields, generic, json);
  }
}
