package dev.keelson.apiserver.rest;

import static dev.keelson.apiserver.rest.StoredObjects.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.selector.Selector;
import dev.keelson.api.validation.FieldError;
import java.util.List;

/**
 * The {@code scale} subresource ({@code autoscaling/v1 Scale}) of workloads: a view of {@code
 * spec.replicas}, {@code status.replicas} and the label selector, through which {@code kubectl
 * scale} and autoscalers change the replica count.
 */
final class ScaleSubresource {
  private ScaleSubresource() {}

  /** The Scale view of a workload object. */
  static ObjectNode of(ObjectNode obj) {
    ObjectNode scale = JsonNodeFactory.instance.objectNode();
    scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    ObjectNode m = scale.putObject("metadata");
    for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      String v = meta(obj, f);
      if (v != null) {
        m.put(f, v);
      }
    }
    scale.putObject("spec").put("replicas", obj.path("spec").path("replicas").asInt(1));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", obj.path("status").path("replicas").asInt(0));
    JsonNode selector = obj.path("spec").path("selector");
    if (selector.isObject()) {
      status.put(
          "selector",
          Selector.fromLabelSelector(KubeJson.convert(selector, LabelSelector.class)).toString());
    }
    return scale;
  }

  /**
   * The replica count a Scale body asks for.
   *
   * @throws BadRequestException if the body is not a Scale
   * @throws InvalidException if the count is negative
   */
  static int replicas(ResourceType type, String name, JsonNode scale) {
    if (!scale.isObject() || (scale.has("kind") && !"Scale".equals(scale.get("kind").asText()))) {
      throw BadRequestException.of("the body must be an autoscaling/v1 Scale");
    }
    JsonNode r = scale.path("spec").path("replicas");
    if (!r.isMissingNode() && !r.isIntegralNumber()) {
      throw BadRequestException.of("Scale cannot be handled: spec.replicas must be an integer");
    }
    int replicas = r.asInt(0);
    if (replicas < 0) {
      throw InvalidException.of(
          ResourceType.SCALE_KIND,
          name,
          List.of(
              FieldError.invalid("spec.replicas", replicas, "must be greater than or equal to 0")));
    }
    return replicas;
  }
}
