package dev.keelson.api.validation;

import dev.keelson.api.core.v1.LimitRange;
import dev.keelson.api.core.v1.LimitRangeItem;
import dev.keelson.api.core.v1.ResourceQuota;
import dev.keelson.api.core.v1.ResourceQuotaSpec;
import dev.keelson.api.core.v1.ScopedResourceSelectorRequirement;
import dev.keelson.api.values.Quantity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validation of core/v1 ResourceQuotas and LimitRanges without their metadata, after Kubernetes'
 * {@code ValidateResourceQuota} and {@code ValidateLimitRange}: resource names are standard (or
 * fully qualified), quantities are not negative and whole where they count objects; quota scopes
 * are known and do not conflict; limit types are known and unique, and min, default request,
 * default and max are ordered. That hard values are quantities is checked by decoding.
 */
public final class QuotaValidation {
  /** The scopes a quota may name. */
  public static final Set<String> SCOPES =
      Set.of(
          "Terminating",
          "NotTerminating",
          "BestEffort",
          "NotBestEffort",
          "PriorityClass",
          "CrossNamespacePodAffinity",
          "VolumeAttributesClass");

  /** The limit types of a LimitRange. */
  public static final Set<String> LIMIT_TYPES = Set.of("Pod", "Container", "PersistentVolumeClaim");

  private static final Set<String> QUOTA_RESOURCES =
      Set.of(
          "cpu",
          "memory",
          "ephemeral-storage",
          "requests.cpu",
          "requests.memory",
          "requests.storage",
          "requests.ephemeral-storage",
          "limits.cpu",
          "limits.memory",
          "limits.ephemeral-storage",
          "pods",
          "resourcequotas",
          "services",
          "replicationcontrollers",
          "secrets",
          "persistentvolumeclaims",
          "configmaps",
          "services.nodeports",
          "services.loadbalancers");

  private static final Set<String> STANDARD_RESOURCES;

  static {
    Set<String> s = new HashSet<>(QUOTA_RESOURCES);
    s.add("storage");
    STANDARD_RESOURCES = Set.copyOf(s);
  }

  private static final Set<String> INTEGER_RESOURCES =
      Set.of(
          "pods",
          "services",
          "replicationcontrollers",
          "resourcequotas",
          "secrets",
          "configmaps",
          "persistentvolumeclaims",
          "services.nodeports",
          "services.loadbalancers");

  private QuotaValidation() {}

  /** A ResourceQuota's spec ({@code ValidateResourceQuotaSpec}). */
  public static List<FieldError> resourceQuota(ResourceQuota quota) {
    List<FieldError> errs = new ArrayList<>();
    ResourceQuotaSpec spec = quota.spec();
    if (spec == null) {
      return errs;
    }
    FieldPath path = FieldPath.root("spec");
    for (Map.Entry<String, Quantity> e : spec.hard().entrySet()) {
      FieldPath at = path.child("hard").key(e.getKey());
      errs.addAll(quotaResourceName(e.getKey(), at));
      errs.addAll(quantity(e.getKey(), e.getValue(), at));
    }
    Set<String> scopes = new HashSet<>();
    for (String scope : spec.scopes()) {
      if (!SCOPES.contains(scope)) {
        errs.add(
            FieldError.invalid(
                path.child("scopes").toString(), spec.scopes(), "unsupported scope"));
      }
      scopes.add(scope);
    }
    if (scopes.containsAll(List.of("BestEffort", "NotBestEffort"))
        || scopes.containsAll(List.of("Terminating", "NotTerminating"))) {
      errs.add(
          FieldError.invalid(path.child("scopes").toString(), spec.scopes(), "conflicting scopes"));
    }
    if (spec.scopeSelector() != null) {
      List<ScopedResourceSelectorRequirement> reqs = spec.scopeSelector().matchExpressions();
      for (int i = 0; i < reqs.size(); i++) {
        errs.addAll(
            scopeRequirement(
                reqs.get(i), path.child("scopeSelector", "matchExpressions").index(i)));
      }
    }
    return errs;
  }

  private static List<FieldError> scopeRequirement(
      ScopedResourceSelectorRequirement r, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (!SCOPES.contains(r.scopeName())) {
      errs.add(
          FieldError.invalid(
              path.child("scopeName").toString(), r.scopeName(), "unsupported scope"));
    }
    String op = r.operator() == null ? "" : r.operator();
    switch (op) {
      case "In", "NotIn" -> {
        if (r.values().isEmpty()) {
          errs.add(
              FieldError.required(
                  path.child("values").toString(),
                  "must be at least one value when `operator` is 'In' or 'NotIn' for scope"
                      + " selector"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (!r.values().isEmpty()) {
          errs.add(
              FieldError.invalid(
                  path.child("values").toString(),
                  r.values(),
                  "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope"
                      + " selector"));
        }
      }
      default ->
          errs.add(
              FieldError.invalid(
                  path.child("operator").toString(), op, "not a valid selector operator"));
    }
    return errs;
  }

  /** A LimitRange's items ({@code ValidateLimitRange} without the metadata). */
  public static List<FieldError> limitRange(LimitRange range) {
    List<FieldError> errs = new ArrayList<>();
    if (range.spec() == null) {
      return errs;
    }
    FieldPath path = FieldPath.root("spec").child("limits");
    Set<String> types = new HashSet<>();
    List<LimitRangeItem> items = range.spec().limits();
    for (int i = 0; i < items.size(); i++) {
      LimitRangeItem item = items.get(i);
      FieldPath at = path.index(i);
      String type = item.type() == null ? "" : item.type();
      errs.addAll(limitType(type, at.child("type")));
      if (!types.add(type)) {
        errs.add(FieldError.duplicate(at.child("type").toString(), type));
      }
      Set<String> keys = new TreeSet<>();
      keys.addAll(item.max().keySet());
      keys.addAll(item.min().keySet());
      keys.addAll(item.defaultLimits().keySet());
      keys.addAll(item.defaultRequest().keySet());
      if (type.equals("Pod")) {
        if (!item.defaultLimits().isEmpty()) {
          errs.add(
              FieldError.forbidden(
                  at.child("default").toString(), "may not be specified when `type` is 'Pod'"));
        }
        if (!item.defaultRequest().isEmpty()) {
          errs.add(
              FieldError.forbidden(
                  at.child("defaultRequest").toString(),
                  "may not be specified when `type` is 'Pod'"));
        }
      } else {
        keys.addAll(item.maxLimitRequestRatio().keySet());
      }
      for (String field : List.of("max", "min", "default", "defaultRequest")) {
        for (Map.Entry<String, Quantity> e : values(item, field).entrySet()) {
          FieldPath q = at.child(field).key(e.getKey());
          errs.addAll(Names.invalid(q, e.getKey(), Names.isQualifiedName(e.getKey())));
          errs.addAll(quantity(e.getKey(), e.getValue(), q));
        }
      }
      for (String k : keys) {
        errs.addAll(ordered(item, k, at));
      }
    }
    return errs;
  }

  private static List<FieldError> ordered(LimitRangeItem item, String k, FieldPath at) {
    List<FieldError> errs = new ArrayList<>();
    Quantity min = item.min().get(k);
    Quantity max = item.max().get(k);
    Quantity def = item.defaultLimits().get(k);
    Quantity defReq = item.defaultRequest().get(k);
    Quantity ratio = item.maxLimitRequestRatio().get(k);
    if (min != null && max != null && min.compareTo(max) > 0) {
      errs.add(
          FieldError.invalid(
              at.child("min").key(k).toString(),
              min.toString(),
              "min value " + min + " is greater than max value " + max));
    }
    if (defReq != null && min != null && min.compareTo(defReq) > 0) {
      errs.add(
          FieldError.invalid(
              at.child("defaultRequest").key(k).toString(),
              defReq.toString(),
              "min value " + min + " is greater than default request value " + defReq));
    }
    if (defReq != null && max != null && defReq.compareTo(max) > 0) {
      errs.add(
          FieldError.invalid(
              at.child("defaultRequest").key(k).toString(),
              defReq.toString(),
              "default request value " + defReq + " is greater than max value " + max));
    }
    if (defReq != null && def != null && defReq.compareTo(def) > 0) {
      errs.add(
          FieldError.invalid(
              at.child("defaultRequest").key(k).toString(),
              defReq.toString(),
              "default request value " + defReq + " is greater than default limit value " + def));
    }
    if (def != null && min != null && min.compareTo(def) > 0) {
      errs.add(
          FieldError.invalid(
              at.child("default").key(k).toString(),
              min.toString(),
              "min value " + min + " is greater than default value " + def));
    }
    if (def != null && max != null && def.compareTo(max) > 0) {
      errs.add(
          FieldError.invalid(
              at.child("default").key(k).toString(),
              max.toString(),
              "default value " + def + " is greater than max value " + max));
    }
    if (ratio != null && ratio.compareTo(Quantity.parse("1")) < 0) {
      errs.add(
          FieldError.invalid(
              at.child("maxLimitRequestRatio").key(k).toString(),
              ratio.toString(),
              "ratio " + ratio + " is less than 1"));
    }
    return errs;
  }

  private static Map<String, Quantity> values(LimitRangeItem item, String field) {
    return switch (field) {
      case "max" -> item.max();
      case "min" -> item.min();
      case "default" -> item.defaultLimits();
      default -> item.defaultRequest();
    };
  }

  private static List<FieldError> limitType(String type, FieldPath path) {
    List<FieldError> errs = Names.invalid(path, type, Names.isQualifiedName(type));
    if (errs.isEmpty() && !type.contains("/") && !LIMIT_TYPES.contains(type)) {
      return List.of(
          FieldError.invalid(
              path.toString(), type, "must be a standard limit type or fully qualified"));
    }
    return errs;
  }

  /** {@code ValidateResourceQuotaResourceName}. */
  private static List<FieldError> quotaResourceName(String name, FieldPath path) {
    List<FieldError> errs = new ArrayList<>(Names.invalid(path, name, Names.isQualifiedName(name)));
    if (!name.contains("/")) {
      if (errs.isEmpty() && !STANDARD_RESOURCES.contains(name) && !hugePages(name)) {
        errs.add(
            FieldError.invalid(
                path.toString(), name, "must be a standard resource type or fully qualified"));
      }
      if (!QUOTA_RESOURCES.contains(name) && !hugePages(name)) {
        errs.add(
            FieldError.invalid(path.toString(), name, "must be a standard resource for quota"));
      }
    }
    return errs;
  }

  private static boolean hugePages(String name) {
    return name.startsWith("hugepages-") || name.startsWith("requests.hugepages-");
  }

  /** {@code ValidateResourceQuantityValue}: not negative; whole for the counted resources. */
  private static List<FieldError> quantity(String resource, Quantity q, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (q == null) {
      return errs;
    }
    if (q.signum() < 0) {
      errs.add(
          FieldError.invalid(path.toString(), q.toString(), "must be greater than or equal to 0"));
    }
    if (INTEGER_RESOURCES.contains(resource) && q.toMilliValue() % 1000 != 0) {
      errs.add(FieldError.invalid(path.toString(), q.toString(), "must be an integer"));
    }
    return errs;
  }
}
