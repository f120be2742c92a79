package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.watch.FieldExtractor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fields each built-in resource supports in field selectors, as kube-apiserver's strategies
 * declare them (for example {@code spec.nodeName} and {@code status.phase} for pods, {@code
 * involvedObject.*} for events). {@code metadata.name} and {@code metadata.namespace} are supported
 * everywhere.
 */
final class FieldSelectors {
  /** Selectable everywhere. */
  static final Set<String> METADATA = Set.of("metadata.name", "metadata.namespace");

  /** A field: its path in the object and the value used when it is absent. */
  private record Field(String pointer, String absent) {}

  private static final Map<GroupResource, Map<String, Field>> FIELDS =
      Map.of(
          GroupResource.of("", "pods"),
          fields(
              "spec.nodeName", "",
              "spec.restartPolicy", "",
              "spec.schedulerName", "",
              "spec.serviceAccountName", "",
              "spec.hostNetwork", "false",
              "status.phase", "",
              "status.podIP", "",
              "status.nominatedNodeName", ""),
          GroupResource.of("", "events"),
          fields(
              "involvedObject.kind", "",
              "involvedObject.namespace", "",
              "involvedObject.name", "",
              "involvedObject.uid", "",
              "involvedObject.apiVersion", "",
              "involvedObject.resourceVersion", "",
              "involvedObject.fieldPath", "",
              "reason", "",
              "reportingComponent", "",
              "source", "",
              "type", ""),
          GroupResource.of("", "namespaces"),
          fields("status.phase", ""),
          GroupResource.of("", "nodes"),
          fields("spec.unschedulable", "false"),
          GroupResource.of("", "secrets"),
          fields("type", ""),
          GroupResource.of("", "services"),
          fields("spec.clusterIP", "", "spec.type", ""),
          GroupResource.of("apps", "replicasets"),
          fields("status.replicas", "0"),
          GroupResource.of("batch", "jobs"),
          fields("status.successful", "0"));

  private FieldSelectors() {}

  /** The fields {@code resource} supports beyond metadata.name and metadata.namespace. */
  static Set<String> supported(GroupResource resource) {
    return FIELDS.getOrDefault(resource, Map.of()).keySet();
  }

  /** The watch cache's extractor for {@code resource}. */
  static FieldExtractor extractor(GroupResource resource) {
    Map<String, Field> fields = FIELDS.get(resource);
    if (fields == null) {
      return FieldExtractor.metadataOnly();
    }
    return object -> {
      ObjectNode json = object.json();
      Map<String, String> values = new LinkedHashMap<>();
      fields.forEach((name, f) -> values.put(name, text(json.at(f.pointer()), f.absent())));
      return values;
    };
  }

  private static String text(JsonNode node, String absent) {
    if (node.isMissingNode() || node.isNull()) {
      return absent;
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    // "source" of a core event is an object: Kubernetes selects on its component
    JsonNode component = node.get("component");
    return component == null ? absent : component.asText();
  }

  private static Map<String, Field> fields(String... nameAbsentPairs) {
    Map<String, Field> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAbsentPairs.length; i += 2) {
      String name = nameAbsentPairs[i];
      m.put(name, new Field("/" + name.replace('.', '/'), nameAbsentPairs[i + 1]));
    }
    return m;
  }
}
