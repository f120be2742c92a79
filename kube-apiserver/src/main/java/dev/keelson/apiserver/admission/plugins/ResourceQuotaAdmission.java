package dev.keelson.apiserver.admission.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.api.errors.ServiceUnavailableException;
import dev.keelson.api.quota.QuotaUsage;
import dev.keelson.api.values.Quantity;
import dev.keelson.apiserver.admission.AdmissionContext;
import dev.keelson.apiserver.admission.AdmissionPlugins;
import dev.keelson.apiserver.admission.Attributes;
import dev.keelson.apiserver.admission.Operation;
import dev.keelson.apiserver.admission.ValidatingPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * kube-apiserver's {@code ResourceQuota} plugin, for creates: the object's usage ({@link
 * QuotaUsage}) is checked against every ResourceQuota of its namespace that tracks one of its
 * resources in {@code status.hard} and charged to that quota's {@code status.used} by a conditional
 * status write, re-read and retried on conflict, as kube-apiserver's quota evaluator does; the
 * resourcequota controller recomputes {@code status.used} from the objects (releasing what deletes
 * and failed writes held). Refusals are 403: {@code exceeded quota: q, requested: pods=1, used:
 * pods=2, limited: pods=2}, {@code status unknown for quota: q, resources: pods} (the controller
 * has not counted yet), {@code failed quota: q: must specify limits.cpu for: app}. Dry runs are
 * checked but not charged.
 */
public final class ResourceQuotaAdmission implements ValidatingPlugin {
  static final GroupResource QUOTAS = GroupResource.of("", "resourcequotas");
  private static final int MAX_RETRIES = 20;

  private final AdmissionContext context;

  public ResourceQuotaAdmission(AdmissionContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return AdmissionPlugins.RESOURCE_QUOTA;
  }

  @Override
  public boolean handles(Operation operation) {
    return operation == Operation.CREATE;
  }

  @Override
  public void validate(Attributes a) {
    if (a.subresource() != null
        || a.namespace() == null
        || a.object() == null
        || !context.serves(QUOTAS)) {
      return;
    }
    List<ObjectNode> quotas = context.list(QUOTAS, a.namespace());
    if (quotas.isEmpty()) {
      return;
    }
    Map<String, Quantity> usage = QuotaUsage.of(a.groupResource(), a.object());
    List<String> names = new ArrayList<>();
    for (ObjectNode q : quotas) {
      if (!scoped(q)) {
        names.add(q.path("metadata").path("name").asText());
      }
    }
    names.sort(null);
    List<String> charge = new ArrayList<>();
    for (String name : names) {
      ObjectNode quota = context.get(QUOTAS, a.namespace(), name).orElse(null);
      if (quota != null && check(a, quota, usage) != null) {
        charge.add(name);
      }
    }
    if (a.dryRun()) {
      return;
    }
    for (String name : charge) {
      charge(a, name, usage);
    }
  }

  /**
   * Refuses the object if it exceeds {@code quota}; returns the resources it charges, or {@code
   * null} if the quota tracks none of them.
   */
  private Map<String, Quantity> check(Attributes a, ObjectNode quota, Map<String, Quantity> usage) {
    String name = quota.path("metadata").path("name").asText();
    Map<String, Quantity> hard = quantities(quota.path("status").path("hard"));
    Map<String, Quantity> used = quantities(quota.path("status").path("used"));
    Set<String> tracked = new TreeSet<>(hard.keySet());
    tracked.retainAll(usage.keySet());
    if (a.isMain("", "pods")) {
      Map<String, List<String>> missing = QuotaUsage.missingPodResources(hard.keySet(), a.object());
      if (!missing.isEmpty()) {
        throw ForbiddenException.of(
            a.groupResource(),
            a.name(),
            "failed quota: "
                + name
                + ": must specify "
                + missing.entrySet().stream()
                    .map(e -> e.getKey() + " for: " + String.join(",", e.getValue()))
                    .collect(Collectors.joining("; ")));
      }
    }
    if (tracked.isEmpty()) {
      return null;
    }
    Set<String> unknown = new TreeSet<>(tracked);
    unknown.removeAll(used.keySet());
    if (!unknown.isEmpty()) {
      throw ForbiddenException.of(
          a.groupResource(),
          a.name(),
          "status unknown for quota: " + name + ", resources: " + String.join(",", unknown));
    }
    Map<String, Quantity> requested = new TreeMap<>();
    Map<String, Quantity> failedUsed = new TreeMap<>();
    Map<String, Quantity> failedHard = new TreeMap<>();
    Map<String, Quantity> charged = new TreeMap<>();
    for (String res : tracked) {
      Quantity next = used.get(res).add(usage.get(res));
      charged.put(res, usage.get(res));
      if (next.compareTo(hard.get(res)) > 0) {
        requested.put(res, usage.get(res));
        failedUsed.put(res, used.get(res));
        failedHard.put(res, hard.get(res));
      }
    }
    if (!requested.isEmpty()) {
      throw ForbiddenException.of(
          a.groupResource(),
          a.name(),
          "exceeded quota: "
              + name
              + ", requested: "
              + pretty(requested)
              + ", used: "
              + pretty(failedUsed)
              + ", limited: "
              + pretty(failedHard));
    }
    return charged;
  }

  /** Adds the object's usage to the quota's {@code status.used}, re-checking on every retry. */
  private void charge(Attributes a, String name, Map<String, Quantity> usage) {
    for (int attempt = 0; ; attempt++) {
      ObjectNode quota = context.get(QUOTAS, a.namespace(), name).orElse(null);
      if (quota == null) {
        return; // deleted meanwhile
      }
      Map<String, Quantity> charged = check(a, quota, usage);
      if (charged == null) {
        return;
      }
      ObjectNode used = quota.with("status").with("used");
      charged.forEach(
          (res, q) -> used.put(res, Quantity.parse(used.path(res).asText("0")).add(q).toString()));
      try {
        context.updateStatus(QUOTAS, quota);
        return;
      } catch (ConflictException e) {
        if (attempt >= MAX_RETRIES) {
          throw ServiceUnavailableException.of("the quota " + name + " keeps changing; try again");
        }
      }
    }
  }

  /** Quotas with scopes or a scope selector are not enforced yet (rather than over-counted). */
  private static boolean scoped(ObjectNode quota) {
    JsonNode spec = quota.path("spec");
    return !spec.path("scopes").isEmpty() || spec.hasNonNull("scopeSelector");
  }

  private static Map<String, Quantity> quantities(JsonNode map) {
    Map<String, Quantity> out = new TreeMap<>();
    map.fields().forEachRemaining(e -> out.put(e.getKey(), Quantity.parse(e.getValue().asText())));
    return out;
  }

  private static String pretty(Map<String, Quantity> m) {
    return m.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
