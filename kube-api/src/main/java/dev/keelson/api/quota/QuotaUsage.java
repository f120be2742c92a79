package dev.keelson.api.quota;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.values.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an object counts against a ResourceQuota, as Kubernetes' quota evaluators count it: {@code
 * count/<resource>[.<group>]} for every object; {@code pods}, {@code services}, {@code configmaps},
 * {@code secrets}, {@code persistentvolumeclaims}, {@code replicationcontrollers}, {@code
 * resourcequotas} for those kinds; a pod's {@code requests.cpu} (= {@code cpu}), {@code
 * requests.memory} (= {@code memory}), {@code requests.ephemeral-storage}, {@code limits.*} (the
 * larger of its containers' sum and its largest init container); {@code services.nodeports} and
 * {@code services.loadbalancers}; a claim's {@code requests.storage}. Terminal pods (Succeeded,
 * Failed) count nothing but {@code count/pods}.
 */
public final class QuotaUsage {
  private static final Set<String> COUNTED =
      Set.of(
          "pods",
          "services",
          "configmaps",
          "secrets",
          "persistentvolumeclaims",
          "replicationcontrollers",
          "resourcequotas");
  private static final List<String> POD_RESOURCES = List.of("cpu", "memory", "ephemeral-storage");

  private QuotaUsage() {}

  /**
   * The quota name that counts objects of {@code resource}: {@code count/pods}, {@code
   * count/deployments.apps}.
   */
  public static String countName(GroupResource resource) {
    return resource.group().isEmpty()
        ? "count/" + resource.resource()
        : "count/" + resource.resource() + "." + resource.group();
  }

  /** Everything {@code object} of {@code resource} uses, by quota resource name. */
  public static Map<String, Quantity> of(GroupResource resource, JsonNode object) {
    Map<String, Quantity> out = new TreeMap<>();
    out.put(countName(resource), Quantity.of(1, Quantity.Format.DECIMAL_SI));
    if (!resource.group().isEmpty()) {
      return out;
    }
    String plural = resource.resource();
    boolean terminalPod = plural.equals("pods") && isTerminal(object);
    if (COUNTED.contains(plural) && !terminalPod) {
      out.put(plural, Quantity.of(1, Quantity.Format.DECIMAL_SI));
    }
    switch (plural) {
      case "pods" -> {
        if (!terminalPod) {
          podResources(object, out);
        }
      }
      case "services" -> {
        String type = object.path("spec").path("type").asText("ClusterIP");
        if (type.equals("LoadBalancer")) {
          out.put("services.loadbalancers", Quantity.of(1, Quantity.Format.DECIMAL_SI));
        }
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
          out.put(
              "services.nodeports",
              Quantity.of(object.path("spec").path("ports").size(), Quantity.Format.DECIMAL_SI));
        }
      }
      case "persistentvolumeclaims" -> {
        JsonNode storage = object.path("spec").path("resources").path("requests").path("storage");
        if (storage.isTextual()) {
          out.put("requests.storage", Quantity.parse(storage.asText()));
        }
      }
      default -> {}
    }
    return out;
  }

  /** The sum of two usages, resource by resource. */
  public static Map<String, Quantity> add(Map<String, Quantity> a, Map<String, Quantity> b) {
    Map<String, Quantity> out = new TreeMap<>(a);
    b.forEach((k, v) -> out.merge(k, v, Quantity::add));
    return out;
  }

  /**
   * The quota names of {@code hard} that a pod's containers must all set (their {@code
   * resources.requests} or {@code limits}) for the quota to be able to count them, mapped to the
   * containers that do not: {@code requests.cpu -> [app]}.
   */
  public static Map<String, List<String>> missingPodResources(Set<String> hard, JsonNode pod) {
    Map<String, List<String>> out = new TreeMap<>();
    for (String name : hard) {
      String field;
      String res;
      if (name.startsWith("requests.") || name.startsWith("limits.")) {
        field = name.substring(0, name.indexOf('.'));
        res = name.substring(name.indexOf('.') + 1);
      } else {
        field = "requests";
        res = name;
      }
      if (!POD_RESOURCES.contains(res) || res.equals("ephemeral-storage")) {
        continue;
      }
      List<String> missing = new ArrayList<>();
      for (String list : new String[] {"initContainers", "containers"}) {
        for (JsonNode c : pod.path("spec").path(list)) {
          if (!c.path("resources").path(field).has(res)) {
            missing.add(c.path("name").asText());
          }
        }
      }
      if (!missing.isEmpty()) {
        out.put(name, missing);
      }
    }
    return out;
  }

  private static boolean isTerminal(JsonNode pod) {
    String phase = pod.path("status").path("phase").asText("");
    return phase.equals("Succeeded") || phase.equals("Failed");
  }

  private static void podResources(JsonNode pod, Map<String, Quantity> out) {
    for (String field : List.of("requests", "limits")) {
      Map<String, Quantity> sum = new LinkedHashMap<>();
      for (JsonNode c : pod.path("spec").path("containers")) {
        c.path("resources")
            .path(field)
            .fields()
            .forEachRemaining(
                e -> sum.merge(e.getKey(), Quantity.parse(e.getValue().asText()), Quantity::add));
      }
      for (JsonNode c : pod.path("spec").path("initContainers")) {
        c.path("resources")
            .path(field)
            .fields()
            .forEachRemaining(
                e -> {
                  Quantity q = Quantity.parse(e.getValue().asText());
                  sum.merge(e.getKey(), q, (x, y) -> x.compareTo(y) >= 0 ? x : y);
                });
      }
      for (String res : POD_RESOURCES) {
        Quantity q = sum.get(res);
        if (q != null) {
          out.put(field + "." + res, q);
          if (field.equals("requests") && !res.equals("ephemeral-storage")) {
            out.put(res, q);
          }
        }
      }
    }
  }
}
