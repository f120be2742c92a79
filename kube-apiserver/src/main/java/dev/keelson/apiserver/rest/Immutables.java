package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fields of workloads that may not change once set, as Kubernetes' update validation enforces: the
 * selectors of deployments, replica sets, stateful sets, daemon sets and jobs, and the
 * volumeClaimTemplates and serviceName of stateful sets.
 */
final class Immutables {
  private static final Map<String, List<String>> FIELDS =
      Map.of(
          "apps/deployments", List.of("selector"),
          "apps/replicasets", List.of("selector"),
          "apps/daemonsets", List.of("selector"),
          "apps/statefulsets", List.of("selector", "serviceName", "volumeClaimTemplates"),
          "batch/jobs", List.of("selector", "completionMode"));

  private Immutables() {}

  static List<FieldError> check(ResourceType type, ObjectNode obj, ObjectNode old) {
    List<String> fields = FIELDS.get(type.group() + "/" + type.plural());
    if (fields == null) {
      return List.of();
    }
    List<FieldError> errors = new ArrayList<>();
    for (String f : fields) {
      JsonNode now = obj.path("spec").path(f);
      JsonNode before = old.path("spec").path(f);
      if (!before.isMissingNode() && !now.equals(before)) {
        errors.add(
            new FieldError(
                FieldError.Type.INVALID,
                "spec." + f,
                now.isMissingNode() ? null : now,
                "field is immutable"));
      }
    }
    return errors;
  }
}
