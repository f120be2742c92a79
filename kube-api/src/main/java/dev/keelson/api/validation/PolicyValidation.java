package dev.keelson.api.validation;

import dev.keelson.api.policy.v1.PodDisruptionBudget;
import dev.keelson.api.policy.v1.PodDisruptionBudgetSpec;
import dev.keelson.api.scheduling.v1.PriorityClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validation of {@code policy/v1} PodDisruptionBudgets and {@code scheduling.k8s.io/v1}
 * PriorityClasses without their metadata, after Kubernetes' {@code pkg/apis/policy/validation} and
 * {@code pkg/apis/scheduling/validation}. That at most one PriorityClass is the global default is a
 * rule across objects, checked by the API server on create and update.
 */
public final class PolicyValidation {
  /** The supported {@code unhealthyPodEvictionPolicy} values, sorted. */
  public static final List<String> UNHEALTHY_POD_EVICTION_POLICIES =
      List.of("AlwaysAllow", "IfHealthyBudget");

  /** The supported {@code preemptionPolicy} values. */
  public static final List<String> PREEMPTION_POLICIES = List.of("PreemptLowerPriority", "Never");

  /** The highest priority a user-defined PriorityClass may have (one billion). */
  public static final int HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

  /** The prefix reserved for the system priority classes. */
  public static final String SYSTEM_PRIORITY_CLASS_PREFIX = "system-";

  /** The system priority classes and their fixed values (neither is the global default). */
  public static final Map<String, Integer> SYSTEM_PRIORITY_CLASSES =
      Map.of(
          "system-cluster-critical",
          2 * HIGHEST_USER_DEFINABLE_PRIORITY,
          "system-node-critical",
          2 * HIGHEST_USER_DEFINABLE_PRIORITY + 1000);

  private PolicyValidation() {}

  /** A PodDisruptionBudget's spec ({@code ValidatePodDisruptionBudgetSpec}). */
  public static List<FieldError> podDisruptionBudget(PodDisruptionBudget pdb) {
    PodDisruptionBudgetSpec spec =
        pdb.spec() == null ? new PodDisruptionBudgetSpec(null, null, null, null) : pdb.spec();
    FieldPath path = FieldPath.root("spec");
    List<FieldError> errs = new ArrayList<>();
    if (spec.minAvailable() != null && spec.maxUnavailable() != null) {
      errs.add(
          FieldError.invalid(
              path.toString(), spec, "minAvailable and maxUnavailable cannot be both set"));
    }
    errs.addAll(AppsValidation.intOrPercent(spec.minAvailable(), path.child("minAvailable")));
    errs.addAll(
        AppsValidation.notMoreThan100Percent(spec.minAvailable(), path.child("minAvailable")));
    errs.addAll(AppsValidation.intOrPercent(spec.maxUnavailable(), path.child("maxUnavailable")));
    errs.addAll(
        AppsValidation.notMoreThan100Percent(spec.maxUnavailable(), path.child("maxUnavailable")));
    errs.addAll(LabelSelectorValidation.validate(spec.selector(), path.child("selector")));
    String policy = spec.unhealthyPodEvictionPolicy();
    if (policy != null && !UNHEALTHY_POD_EVICTION_POLICIES.contains(policy)) {
      errs.add(
          FieldError.notSupported(
              path.child("unhealthyPodEvictionPolicy").toString(),
              policy,
              UNHEALTHY_POD_EVICTION_POLICIES));
    }
    return errs;
  }

  /**
   * A PriorityClass ({@code ValidatePriorityClass} without the metadata): names starting with
   * {@code system-} are reserved for the system classes with their fixed values; other classes have
   * a value of at most one billion; the preemption policy is supported.
   */
  public static List<FieldError> priorityClass(PriorityClass pc) {
    List<FieldError> errs = new ArrayList<>();
    String name = pc.metadata() == null || pc.metadata().name() == null ? "" : pc.metadata().name();
    int value = pc.value() == null ? 0 : pc.value();
    boolean globalDefault = Boolean.TRUE.equals(pc.globalDefault());
    if (name.startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
      String problem = systemClassProblem(name, value, globalDefault);
      if (problem != null) {
        errs.add(
            FieldError.forbidden(
                "metadata.name",
                "priority class names with '"
                    + SYSTEM_PRIORITY_CLASS_PREFIX
                    + "' prefix are reserved for system use only. error: "
                    + problem));
      }
    } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
      errs.add(
          FieldError.forbidden(
              "value",
              "maximum allowed value of a user defined priority is "
                  + HIGHEST_USER_DEFINABLE_PRIORITY));
    }
    String policy = pc.preemptionPolicy();
    if (policy != null) {
      if (policy.isEmpty()) {
        errs.add(FieldError.required("preemptionPolicy", ""));
      } else if (!PREEMPTION_POLICIES.contains(policy)) {
        errs.add(FieldError.notSupported("preemptionPolicy", policy, PREEMPTION_POLICIES));
      }
    }
    return errs;
  }

  /** {@code ValidatePriorityClassUpdate}: the value and the preemption policy are immutable. */
  public static List<FieldError> priorityClassUpdate(PriorityClass pc, PriorityClass old) {
    List<FieldError> errs = new ArrayList<>(priorityClass(pc));
    if (!Objects.equals(pc.value(), old.value())) {
      errs.add(FieldError.forbidden("value", "may not be changed in an update."));
    }
    if (!Objects.equals(pc.preemptionPolicy(), old.preemptionPolicy())) {
      errs.add(
          FieldError.invalid(
              "preemptionPolicy", pc.preemptionPolicy(), ObjectMetaValidation.FIELD_IMMUTABLE));
    }
    return errs;
  }

  /** Kubernetes' {@code IsKnownSystemPriorityClass}: why the class is not one, or null. */
  private static String systemClassProblem(String name, int value, boolean globalDefault) {
    Integer fixed = SYSTEM_PRIORITY_CLASSES.get(name);
    if (fixed == null) {
      return name + " is not a known system priority class";
    }
    if (fixed != value) {
      return "value of " + name + " PriorityClass must be always " + fixed;
    }
    if (globalDefault) {
      return "globalDefault of " + name + " PriorityClass must be always false";
    }
    return null;
  }
}
