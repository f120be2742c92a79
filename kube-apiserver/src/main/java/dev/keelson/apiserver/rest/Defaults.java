package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.registry.ResourceType;

/**
 * Defaulting of built-in kinds on create, as Kubernetes defaults them. So far: namespaces and pods;
 * other kinds arrive with their controllers.
 */
final class Defaults {
  private Defaults() {}

  /**
   * Whether {@code metadata.generation} counts changes of the desired state: workloads and custom
   * resources, as their Kubernetes strategies do; not core kinds, events, leases or endpoint
   * slices.
   */
  static boolean tracksGeneration(ResourceType type) {
    if (type.group().isEmpty()) {
      return false;
    }
    return switch (type.plural()) {
      case "leases", "events", "endpointslices", "controllerrevisions" -> false;
      default -> true;
    };
  }

  static void onCreate(ResourceType type, ObjectNode obj, boolean hasStatusSubresource) {
    if (hasStatusSubresource) {
      obj.remove("status"); // status is written through the status subresource only
    }
    if (!type.group().isEmpty()) {
      return;
    }
    switch (type.plural()) {
      case "namespaces" -> {
        ObjectNode spec = object(obj, "spec");
        if (!spec.has("finalizers")) {
          spec.putArray("finalizers").add("kubernetes");
        }
        object(obj, "status").put("phase", "Active");
      }
      case "pods" -> pod(obj);
      default -> {}
    }
  }

  private static void pod(ObjectNode pod) {
    ObjectNode spec = object(pod, "spec");
    putIfAbsent(spec, "restartPolicy", "Always");
    putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
    putIfAbsent(spec, "schedulerName", "default-scheduler");
    if (!spec.has("terminationGracePeriodSeconds")) {
      spec.put("terminationGracePeriodSeconds", 30);
    }
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : spec.path(list)) {
        if (c instanceof ObjectNode container) {
          putIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
          putIfAbsent(container, "terminationMessagePolicy", "File");
          putIfAbsent(container, "imagePullPolicy", pullPolicy(container.path("image").asText("")));
        }
      }
    }
    object(pod, "status").put("phase", "Pending");
  }

  /** {@code Always} for {@code :latest} or untagged images, {@code IfNotPresent} otherwise. */
  static String pullPolicy(String image) {
    if (image.contains("@")) {
      return "IfNotPresent"; // pinned by digest
    }
    boolean tagged = image.lastIndexOf(':') > image.lastIndexOf('/');
    return !tagged || image.endsWith(":latest") ? "Always" : "IfNotPresent";
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    return n instanceof ObjectNode o ? o : parent.putObject(field);
  }

  private static void putIfAbsent(ObjectNode node, String field, String value) {
    if (!node.hasNonNull(field) || node.get(field).asText().isEmpty()) {
      node.put(field, value);
    }
  }
}
