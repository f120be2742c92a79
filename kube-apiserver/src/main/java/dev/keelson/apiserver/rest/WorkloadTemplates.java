package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.validation.FieldError;
import dev.keelson.api.validation.FieldPath;
import dev.keelson.api.validation.PodValidation;
import java.util.ArrayList;
import java.util.List;

/**
 * Validation of the pod templates inside workloads: deployments, replica sets, stateful sets and
 * daemon sets need restart policy Always; jobs and cron jobs need OnFailure or Never.
 */
final class WorkloadTemplates {
  private WorkloadTemplates() {}

  static List<FieldError> validate(ResourceType type, ObjectNode obj) {
    String key = type.group() + "/" + type.plural();
    return switch (key) {
      case "apps/deployments", "apps/replicasets", "apps/statefulsets", "apps/daemonsets" ->
          template(
              obj.path("spec").path("template"), FieldPath.root("spec").child("template"), true);
      case "batch/jobs" ->
          template(
              obj.path("spec").path("template"), FieldPath.root("spec").child("template"), false);
      case "batch/cronjobs" ->
          template(
              obj.path("spec").path("jobTemplate").path("spec").path("template"),
              FieldPath.root("spec").child("jobTemplate").child("spec").child("template"),
              false);
      default -> List.of();
    };
  }

  private static List<FieldError> template(JsonNode node, FieldPath path, boolean restartAlways) {
    if (!node.isObject()) {
      return List.of(FieldError.required(path.toString(), ""));
    }
    PodTemplateSpec template = KubeJson.convert(node, PodTemplateSpec.class);
    List<FieldError> errors =
        new ArrayList<>(PodValidation.validateTemplate(template, path, restartAlways));
    String policy = node.path("spec").path("restartPolicy").asText("Always");
    if (!restartAlways && !policy.equals("OnFailure") && !policy.equals("Never")) {
      errors.add(
          FieldError.notSupported(
              path.child("spec", "restartPolicy").toString(),
              policy,
              List.of("OnFailure", "Never")));
    }
    return errors;
  }
}
