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
    return of(obj, CustomResourceHooks.ScalePaths.WORKLOAD);
  }

  /** The Scale view of an object whose numbers live at {@code paths}. */
  static ObjectNode of(ObjectNode obj, CustomResourceHooks.ScalePaths paths) {
    ObjectNode scale = JsonNodeFactory.instance.objectNode();
    scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    ObjectNode m = scale.putObject("metadata");
    for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      String v = meta(obj, f);
      if (v != null) {
        m.put(f, v);
      }
    }
    boolean workload = paths == CustomResourceHooks.ScalePaths.WORKLOAD;
    scale.putObject("spec").put("replicas", at(obj, paths.specReplicas()).asInt(workload ? 1 : 0));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", at(obj, paths.statusReplicas()).asInt(0));
    if (workload) {
      JsonNode selector = obj.path("spec").path("selector");
      if (selector.isObject()) {
        status.put(
            "selector",
            Selector.fromLabelSelector(KubeJson.convert(selector, LabelSelector.class)).toString());
      }
    } else if (paths.labelSelector() != null) {
      JsonNode selector = at(obj, paths.labelSelector());
      if (selector.isTextual()) {
        status.put("selector", selector.asText());
      }
    }
    return scale;
  }

  /** The value at a simple JSON path ({@code .spec.replicas}), or a missing node. */
  static JsonNode at(JsonNode obj, String path) {
    JsonNode n = obj;
    for (String part : path.substring(path.startsWith(".") ? 1 : 0).split("\\.")) {
      n = n.path(part);
    }
    return n;
  }

  /** Sets the value at a simple JSON path, creating the objects on the way. */
  static void set(ObjectNode obj, String path, int value) {
    String[] parts = path.substring(path.startsWith(".") ? 1 : 0).split("\\.");
    ObjectNode n = obj;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = n.get(parts[i]);
      n = next instanceof ObjectNode o ? o : n.putObject(parts[i]);
    }
    n.put(parts[parts.length - 1], value);
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
