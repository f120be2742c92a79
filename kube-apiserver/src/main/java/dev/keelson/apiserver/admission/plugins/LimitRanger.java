package dev.keelson.apiserver.admission.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.core.v1.LimitRange;
import dev.keelson.api.core.v1.LimitRangeItem;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.values.Quantity;
import dev.keelson.apiserver.admission.AdmissionContext;
import dev.keelson.apiserver.admission.AdmissionPlugins;
import dev.keelson.apiserver.admission.Attributes;
import dev.keelson.apiserver.admission.MutatingPlugin;
import dev.keelson.apiserver.admission.Operation;
import dev.keelson.apiserver.admission.ValidatingPlugin;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kube-apiserver's {@code LimitRanger} for pods being created, from the namespace's LimitRanges:
 * items of type {@code Container} default each container's missing limits ({@code default}, else
 * {@code max}) and requests ({@code defaultRequest}, else the default limit, else {@code min}),
 * then every container (type {@code Container}) and the pod's sums (type {@code Pod}) must respect
 * {@code min}, {@code max} and {@code maxLimitRequestRatio}: 403 with Kubernetes' words, for
 * example {@code maximum cpu usage per Container is 1, but limit is 2}, several joined as {@code
 * [a, b]}. PersistentVolumeClaim items are not enforced.
 */
public final class LimitRanger implements MutatingPlugin, ValidatingPlugin {
  static final GroupResource LIMIT_RANGES = GroupResource.of("", "limitranges");
  private static final String[] CONTAINER_LISTS = {"initContainers", "containers"};

  private final AdmissionContext context;

  public LimitRanger(AdmissionContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return AdmissionPlugins.LIMIT_RANGER;
  }

  @Override
  public boolean handles(Operation operation) {
    return operation == Operation.CREATE;
  }

  @Override
  public void admit(Attributes a) {
    if (!a.isMain("", "pods") || a.object() == null) {
      return;
    }
    for (LimitRangeItem item : items(a.namespace(), "Container")) {
      Map<String, Quantity> defLimits = defaultLimits(item);
      Map<String, Quantity> defRequests = defaultRequests(item, defLimits);
      for (ObjectNode c : containers(a.object())) {
        ObjectNode resources = c.with("resources");
        fill(resources, "limits", defLimits);
        fill(resources, "requests", defRequests);
        if (resources.isEmpty()) {
          c.remove("resources");
        }
      }
    }
  }

  @Override
  public void validate(Attributes a) {
    if (!a.isMain("", "pods") || a.object() == null) {
      return;
    }
    List<String> errors = new ArrayList<>();
    for (LimitRangeItem item : items(a.namespace(), null)) {
      if ("Container".equals(item.type())) {
        for (ObjectNode c : containers(a.object())) {
          check(
              "Container",
              item,
              quantities(c.path("resources").path("requests")),
              quantities(c.path("resources").path("limits")),
              errors);
        }
      } else if ("Pod".equals(item.type())) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        for (JsonNode c : a.object().path("spec").path("containers")) {
          quantities(c.path("resources").path("requests"))
              .forEach((k, v) -> requests.merge(k, v, Quantity::add));
          quantities(c.path("resources").path("limits"))
              .forEach((k, v) -> limits.merge(k, v, Quantity::add));
        }
        check("Pod", item, requests, limits, errors);
      }
    }
    if (!errors.isEmpty()) {
      throw ForbiddenException.of(
          a.groupResource(),
          a.name(),
          errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
    }
  }

  private List<LimitRangeItem> items(String namespace, String type) {
    List<LimitRangeItem> out = new ArrayList<>();
    if (!context.serves(LIMIT_RANGES)) {
      return out;
    }
    for (ObjectNode o : context.list(LIMIT_RANGES, namespace)) {
      LimitRange lr = KubeJson.convert(o, LimitRange.class);
      if (lr.spec() == null) {
        continue;
      }
      for (LimitRangeItem item : lr.spec().limits()) {
        if (type == null || type.equals(item.type())) {
          out.add(item);
        }
      }
    }
    return out;
  }

  /** The default limits with LimitRange defaulting: {@code default}, else {@code max}. */
  static Map<String, Quantity> defaultLimits(LimitRangeItem item) {
    Map<String, Quantity> out = new LinkedHashMap<>(item.defaultLimits());
    item.max().forEach(out::putIfAbsent);
    return out;
  }

  /** The default requests: {@code defaultRequest}, else the default limit, else {@code min}. */
  static Map<String, Quantity> defaultRequests(LimitRangeItem item, Map<String, Quantity> limits) {
    Map<String, Quantity> out = new LinkedHashMap<>(item.defaultRequest());
    limits.forEach(out::putIfAbsent);
    item.min().forEach(out::putIfAbsent);
    return out;
  }

  private static void fill(ObjectNode resources, String field, Map<String, Quantity> defaults) {
    if (defaults.isEmpty()) {
      return;
    }
    ObjectNode values = resources.with(field);
    defaults.forEach(
        (k, v) -> {
          if (!values.has(k)) {
            values.put(k, v.toString());
          }
        });
    if (values.isEmpty()) {
      resources.remove(field);
    }
  }

  static List<ObjectNode> containers(ObjectNode pod) {
    List<ObjectNode> out = new ArrayList<>();
    for (String list : CONTAINER_LISTS) {
      for (JsonNode c : pod.path("spec").path(list)) {
        if (c instanceof ObjectNode o) {
          out.add(o);
        }
      }
    }
    return out;
  }

  static Map<String, Quantity> quantities(JsonNode map) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    map.fields().forEachRemaining(e -> out.put(e.getKey(), Quantity.parse(e.getValue().asText())));
    return out;
  }

  private static void check(
      String type,
      LimitRangeItem item,
      Map<String, Quantity> requests,
      Map<String, Quantity> limits,
      List<String> errors) {
    item.min()
        .forEach(
            (res, min) -> {
              Quantity req = requests.get(res);
              Quantity lim = limits.get(res);
              String prefix = "minimum " + res + " usage per " + type + " is " + min;
              if (req == null) {
                errors.add(prefix + ".  No request is specified");
              } else if (req.compareTo(min) < 0) {
                errors.add(prefix + ", but request is " + req);
              } else if (lim != null && lim.compareTo(min) < 0) {
                errors.add(prefix + ", but limit is " + lim);
              }
            });
    item.max()
        .forEach(
            (res, max) -> {
              Quantity req = requests.get(res);
              Quantity lim = limits.get(res);
              String prefix = "maximum " + res + " usage per " + type + " is " + max;
              if (lim == null) {
                errors.add(prefix + ".  No limit is specified");
              } else if (lim.compareTo(max) > 0) {
                errors.add(prefix + ", but limit is " + lim);
              } else if (req != null && req.compareTo(max) > 0) {
                errors.add(prefix + ", but request is " + req);
              }
            });
    item.maxLimitRequestRatio()
        .forEach(
            (res, ratio) -> {
              Quantity req = requests.get(res);
              Quantity lim = limits.get(res);
              String prefix = res + " max limit to request ratio per " + type + " is " + ratio;
              if (req == null || req.isZero()) {
                errors.add(prefix + ", but no request is specified or request is 0");
              } else if (lim == null || lim.isZero()) {
                errors.add(prefix + ", but no limit is specified or limit is 0");
              } else {
                BigDecimal observed =
                    lim.toBigDecimal().divide(req.toBigDecimal(), 6, RoundingMode.HALF_EVEN);
                if (observed.compareTo(ratio.toBigDecimal()) > 0) {
                  errors.add(prefix + ", but provided ratio is " + observed.toPlainString());
                }
              }
            });
  }
}
