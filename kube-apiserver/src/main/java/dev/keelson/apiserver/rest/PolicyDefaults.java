package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.registry.ResourceType;
import java.util.Iterator;
import java.util.Map;

/**
 * Kubernetes' create-time defaults of the RBAC, policy, scheduling and networking kinds and of
 * limit ranges:
 *
 * <ul>
 *   <li>role bindings: {@code roleRef.apiGroup} and the {@code apiGroup} of user and group subjects
 *       are {@code rbac.authorization.k8s.io} when empty (SetDefaults_RoleBinding, _Subject);
 *   <li>pod disruption budgets: the status starts zeroed (the strategy's PrepareForCreate);
 *   <li>priority classes: {@code preemptionPolicy: PreemptLowerPriority};
 *   <li>network policies: ports' {@code protocol: TCP}; {@code policyTypes} when absent is {@code
 *       [Ingress]}, plus {@code Egress} when egress rules are present;
 *   <li>ingress classes: a parameters reference's {@code scope: Cluster};
 *   <li>limit ranges, for {@code Container} items: the default limit from {@code max}, the default
 *       request from the default limit, then from {@code min}.
 * </ul>
 */
final class PolicyDefaults {
  private static final String RBAC = "rbac.authorization.k8s.io";

  private PolicyDefaults() {}

  static void onCreate(ResourceType type, ObjectNode obj) {
    switch (type.group() + "/" + type.plural()) {
      case RBAC + "/rolebindings", RBAC + "/clusterrolebindings" -> binding(obj);
      case "policy/poddisruptionbudgets" -> {
        ObjectNode status = obj.putObject("status");
        for (String f :
            new String[] {
              "disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"
            }) {
          status.put(f, 0);
        }
      }
      case "scheduling.k8s.io/priorityclasses" -> {
        if (!obj.hasNonNull("value")) {
          obj.put("value", 0); // an int32 without omitempty: Go always writes it
        }
        if (!obj.hasNonNull("preemptionPolicy")) {
          obj.put("preemptionPolicy", "PreemptLowerPriority");
        }
      }
      case "networking.k8s.io/networkpolicies" -> networkPolicy(obj);
      case "networking.k8s.io/ingressclasses" -> {
        if (obj.path("spec").get("parameters") instanceof ObjectNode p && !p.hasNonNull("scope")) {
          p.put("scope", "Cluster");
        }
      }
      default -> {}
    }
  }

  private static void binding(ObjectNode obj) {
    if (obj.get("roleRef") instanceof ObjectNode ref && ref.path("apiGroup").asText("").isEmpty()) {
      ref.put("apiGroup", RBAC);
    }
    for (JsonNode s : obj.path("subjects")) {
      if (s instanceof ObjectNode subject && subject.path("apiGroup").asText("").isEmpty()) {
        switch (subject.path("kind").asText("")) {
          case "User", "Group" -> subject.put("apiGroup", RBAC);
          default -> {}
        }
      }
    }
  }

  private static void networkPolicy(ObjectNode obj) {
    JsonNode n = obj.get("spec");
    ObjectNode spec = n instanceof ObjectNode o ? o : obj.putObject("spec");
    if (!spec.has("podSelector")) {
      spec.putObject("podSelector");
    }
    for (String direction : new String[] {"ingress", "egress"}) {
      for (JsonNode rule : spec.path(direction)) {
        for (JsonNode p : rule.path("ports")) {
          if (p instanceof ObjectNode port && !port.hasNonNull("protocol")) {
            port.put("protocol", "TCP");
          }
        }
      }
    }
    if (spec.path("policyTypes").isEmpty()) {
      ArrayNode types = spec.putArray("policyTypes").add("Ingress");
      if (!spec.path("egress").isEmpty()) {
        types.add("Egress");
      }
    }
  }

  /** SetDefaults_LimitRangeItem. */
  static void limitRange(ObjectNode obj) {
    for (JsonNode item : obj.path("spec").path("limits")) {
      if (!(item instanceof ObjectNode i) || !"Container".equals(i.path("type").asText())) {
        continue;
      }
      ObjectNode limit = object(i, "default");
      ObjectNode request = object(i, "defaultRequest");
      copyMissing(i.path("max"), limit);
      copyMissing(limit, request);
      copyMissing(i.path("min"), request);
      if (limit.isEmpty()) {
        i.remove("default");
      }
      if (request.isEmpty()) {
        i.remove("defaultRequest");
      }
    }
  }

  private static void copyMissing(JsonNode from, ObjectNode to) {
    for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!to.has(e.getKey())) {
        to.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    return n instanceof ObjectNode o ? o : parent.putObject(field);
  }
}
