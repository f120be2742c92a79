package dev.keelson.apiserver.rest;

import static dev.keelson.apiserver.rest.StoredObjects.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.json.Times;
import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusDetails;
import dev.keelson.api.validation.FieldError;
import java.time.InstantSource;
import java.util.List;

/**
 * The pod subresources that write: {@code binding} (the scheduler assigns a pod to a node) and
 * {@code eviction} (a policy/v1 Eviction deletes the pod if its disruption budget allows; see
 * {@link Evictions}).
 */
final class PodSubresources {
  private static final GroupVersionKind BINDING = new GroupVersionKind("", "v1", "Binding");

  private PodSubresources() {}

  /** The node a Binding body names. */
  static String bindingTarget(String podName, JsonNode binding) {
    if (!binding.isObject()) {
      throw BadRequestException.of("the body must be a v1 Binding");
    }
    JsonNode target = binding.path("target");
    String kind = target.path("kind").asText("");
    String node = target.path("name").asText("");
    if (!kind.isEmpty() && !kind.equals("Node")) {
      throw InvalidException.of(
          BINDING, podName, List.of(FieldError.notSupported("target.kind", kind, List.of("Node"))));
    }
    if (node.isEmpty()) {
      throw InvalidException.of(BINDING, podName, List.of(FieldError.required("target.name", "")));
    }
    return node;
  }

  /** The pod with {@code spec.nodeName} set and its PodScheduled condition true. */
  static ObjectNode bind(ObjectNode pod, String name, String node, InstantSource clock) {
    JsonNode current = pod.path("spec").path("nodeName");
    if (!current.asText("").isEmpty()) {
      throw ConflictException.of(
          GroupResource.of("", "pods/binding"),
          name,
          "pod " + name + " is already assigned to node \"" + current.asText() + "\"");
    }
    if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
      throw ConflictException.of(
          GroupResource.of("", "pods/binding"), name, "pod " + name + " is being deleted");
    }
    ObjectNode next = pod.deepCopy();
    ((ObjectNode) next.get("spec")).put("nodeName", node);
    JsonNode s = next.get("status");
    ObjectNode status = s instanceof ObjectNode o ? o : next.putObject("status");
    JsonNode c = status.get("conditions");
    ArrayNode conditions = c instanceof ArrayNode a ? a : status.putArray("conditions");
    for (int i = conditions.size() - 1; i >= 0; i--) {
      if ("PodScheduled".equals(conditions.get(i).path("type").asText())) {
        conditions.remove(i);
      }
    }
    conditions
        .addObject()
        .put("type", "PodScheduled")
        .put("status", "True")
        .put("lastTransitionTime", Times.format(clock.instant()));
    metadata(next).remove("resourceVersion");
    return next;
  }

  /** The answer to a successful binding or eviction: 201 with a Success status. */
  static byte[] created(String name) {
    Status s = Status.success(new StatusDetails(name, null, "pods", null, null, null));
    return KubeJson.encode(s.withCode(201));
  }
}
