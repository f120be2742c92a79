package dev.keelson.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Short descriptions of the fields every kind and list has, so that {@code kubectl explain pod}
 * says something about them. The records' Javadoc is not available at run time; deeper fields have
 * no description.
 */
final class TopLevelFields {
  private TopLevelFields() {}

  private static final Map<String, String> DESCRIPTIONS =
      Map.of(
          "apiVersion",
          "APIVersion defines the versioned schema of this representation of an object: the"
              + " group and version, such as apps/v1, or v1 for the core group.",
          "kind",
          "Kind is the REST resource this object represents, in CamelCase, such as Pod.",
          "metadata",
          "Standard object metadata: name, namespace, labels, annotations, owner references and"
              + " the fields the system sets (uid, resourceVersion, creationTimestamp, ...).",
          "spec",
          "The desired state of the object, set by its users.",
          "status",
          "The most recently observed state of the object, written by the system. Read-only.",
          "items",
          "The objects of the list.");

  /** Adds the description of {@code name} to {@code property} if it is a top-level field. */
  static void describe(String name, ObjectNode property) {
    String d = DESCRIPTIONS.get(name);
    if (d != null && !property.has("description")) {
      property.put("description", d);
    }
  }

  /** Describes the top-level fields among a schema's properties. */
  static void describeAll(ObjectNode schema) {
    if (schema.get("properties") instanceof ObjectNode props) {
      props
          .properties()
          .forEach(
              e -> {
                if (e.getValue() instanceof ObjectNode p) {
                  describe(e.getKey(), p);
                }
              });
    }
  }
}
