package dev.keelson.api.validation;

import dev.keelson.api.apps.v1.DaemonSetSpec;
import dev.keelson.api.apps.v1.DaemonSetUpdateStrategy;
import dev.keelson.api.apps.v1.DeploymentSpec;
import dev.keelson.api.apps.v1.DeploymentStrategy;
import dev.keelson.api.apps.v1.ReplicaSetSpec;
import dev.keelson.api.apps.v1.RollingUpdateDaemonSet;
import dev.keelson.api.apps.v1.RollingUpdateDeployment;
import dev.keelson.api.apps.v1.RollingUpdateStatefulSetStrategy;
import dev.keelson.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy;
import dev.keelson.api.apps.v1.StatefulSetSpec;
import dev.keelson.api.apps.v1.StatefulSetUpdateStrategy;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.values.IntOrString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validation of the {@code apps/v1} workload specs, after Kubernetes' {@code
 * pkg/apis/apps/validation}: Deployment, ReplicaSet, StatefulSet and DaemonSet. As for pods, an
 * absent (null) defaulted field is accepted as its default.
 *
 * <p>Covered: selectors (required, not empty, valid, matching the template's labels), replicas,
 * minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds, the update strategies (types,
 * rolling update fields as non-negative integers or valid percentages not above 100%, not both zero
 * where Kubernetes forbids it), pod management policy, PVC retention policy, ordinals and the
 * service name. The pod template itself (restart policy, containers) is validated with {@link
 * PodValidation#validateTemplate}.
 */
public final class AppsValidation {
  private AppsValidation() {}

  private static final FieldPath SPEC = FieldPath.root("spec");

  /** A Deployment's spec ({@code ValidateDeploymentSpec}). */
  public static List<FieldError> deploymentSpec(DeploymentSpec spec) {
    List<FieldError> errs = new ArrayList<>();
    if (spec == null) {
      errs.add(FieldError.required("spec", ""));
      return errs;
    }
    nonnegative(errs, spec.replicas(), SPEC.child("replicas"));
    errs.addAll(
        LabelSelectorValidation.workload(
            spec.selector(),
            templateLabels(spec.template()),
            SPEC.child("selector"),
            SPEC.child("template", "metadata", "labels"),
            "deployment"));
    if (spec.strategy() != null) {
      errs.addAll(deploymentStrategy(spec.strategy(), SPEC.child("strategy")));
    }
    nonnegative(errs, spec.revisionHistoryLimit(), SPEC.child("revisionHistoryLimit"));
    nonnegative(errs, spec.minReadySeconds(), SPEC.child("minReadySeconds"));
    if (spec.progressDeadlineSeconds() != null) {
      FieldPath p = SPEC.child("progressDeadlineSeconds");
      nonnegative(errs, spec.progressDeadlineSeconds(), p);
      int minReady = spec.minReadySeconds() == null ? 0 : spec.minReadySeconds();
      if (spec.progressDeadlineSeconds() <= minReady) {
        errs.add(
            FieldError.invalid(
                p.toString(),
                spec.progressDeadlineSeconds(),
                "must be greater than minReadySeconds"));
      }
    }
    return errs;
  }

  private static List<FieldError> deploymentStrategy(DeploymentStrategy s, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    String type = s.type() == null ? "RollingUpdate" : s.type();
    switch (type) {
      case "Recreate" -> {
        if (s.rollingUpdate() != null) {
          errs.add(
              FieldError.forbidden(
                  path.child("rollingUpdate").toString(),
                  "may not be specified when strategy `type` is 'Recreate'"));
        }
      }
      case "RollingUpdate" -> {
        RollingUpdateDeployment ru = s.rollingUpdate();
        if (ru != null) {
          FieldPath p = path.child("rollingUpdate");
          IntOrString unavailable = orDefault(ru.maxUnavailable(), "25%");
          IntOrString surge = orDefault(ru.maxSurge(), "25%");
          errs.addAll(intOrPercent(unavailable, p.child("maxUnavailable")));
          errs.addAll(intOrPercent(surge, p.child("maxSurge")));
          if (value(unavailable) == 0 && value(surge) == 0) {
            errs.add(
                FieldError.invalid(
                    p.child("maxUnavailable").toString(),
                    raw(unavailable),
                    "may not be 0 when `maxSurge` is 0"));
          }
          errs.addAll(notMoreThan100Percent(unavailable, p.child("maxUnavailable")));
        }
      }
      default ->
          errs.add(
              FieldError.notSupported(
                  path.child("Type").toString(), type, List.of("Recreate", "RollingUpdate")));
    }
    return errs;
  }

  /** A ReplicaSet's spec ({@code ValidateReplicaSetSpec}). */
  public static List<FieldError> replicaSetSpec(ReplicaSetSpec spec) {
    List<FieldError> errs = new ArrayList<>();
    if (spec == null) {
      errs.add(FieldError.required("spec", ""));
      return errs;
    }
    nonnegative(errs, spec.replicas(), SPEC.child("replicas"));
    nonnegative(errs, spec.minReadySeconds(), SPEC.child("minReadySeconds"));
    // (Kubernetes' message names deployments for replica sets too)
    errs.addAll(
        LabelSelectorValidation.workload(
            spec.selector(),
            templateLabels(spec.template()),
            SPEC.child("selector"),
            SPEC.child("template", "metadata", "labels"),
            "deployment"));
    return errs;
  }

  /** A StatefulSet's spec ({@code ValidateStatefulSetSpec}). */
  public static List<FieldError> statefulSetSpec(StatefulSetSpec spec) {
    List<FieldError> errs = new ArrayList<>();
    if (spec == null) {
      errs.add(FieldError.required("spec", ""));
      return errs;
    }
    String policy = spec.podManagementPolicy();
    if (policy != null) {
      if (policy.isEmpty()) {
        errs.add(FieldError.required(SPEC.child("podManagementPolicy").toString(), ""));
      } else if (!policy.equals("OrderedReady") && !policy.equals("Parallel")) {
        errs.add(
            FieldError.invalid(
                SPEC.child("podManagementPolicy").toString(),
                policy,
                "must be 'OrderedReady' or 'Parallel'"));
      }
    }
    StatefulSetUpdateStrategy strategy = spec.updateStrategy();
    if (strategy != null) {
      FieldPath p = SPEC.child("updateStrategy");
      String type = strategy.type() == null ? "RollingUpdate" : strategy.type();
      switch (type) {
        case "" -> errs.add(FieldError.required(p.toString(), ""));
        case "OnDelete" -> {
          if (strategy.rollingUpdate() != null) {
            errs.add(
                FieldError.invalid(
                    p.child("rollingUpdate").toString(),
                    strategy.rollingUpdate(),
                    "only allowed for updateStrategy 'RollingUpdate'"));
          }
        }
        case "RollingUpdate" -> {
          RollingUpdateStatefulSetStrategy ru = strategy.rollingUpdate();
          if (ru != null) {
            FieldPath r = p.child("rollingUpdate");
            nonnegative(errs, ru.partition(), r.child("partition"));
            if (ru.maxUnavailable() != null) {
              FieldPath mu = r.child("maxUnavailable");
              errs.addAll(intOrPercent(ru.maxUnavailable(), mu));
              if (value(ru.maxUnavailable()) == 0) {
                errs.add(
                    FieldError.invalid(mu.toString(), raw(ru.maxUnavailable()), "cannot be 0"));
              }
              errs.addAll(notMoreThan100Percent(ru.maxUnavailable(), mu));
            }
          }
        }
        default ->
            errs.add(
                FieldError.invalid(p.toString(), type, "must be 'RollingUpdate' or 'OnDelete'"));
      }
    }
    StatefulSetPersistentVolumeClaimRetentionPolicy retention =
        spec.persistentVolumeClaimRetentionPolicy();
    if (retention != null) {
      FieldPath p = SPEC.child("persistentVolumeClaimRetentionPolicy");
      for (String[] f :
          new String[][] {
            {"whenDeleted", retention.whenDeleted()}, {"whenScaled", retention.whenScaled()}
          }) {
        if (f[1] != null && !f[1].equals("Retain") && !f[1].equals("Delete")) {
          errs.add(
              FieldError.notSupported(p.child(f[0]).toString(), f[1], List.of("Retain", "Delete")));
        }
      }
    }
    if (spec.ordinals() != null) {
      nonnegative(errs, spec.ordinals().start(), SPEC.child("ordinals", "start"));
    }
    nonnegative(errs, spec.replicas(), SPEC.child("replicas"));
    nonnegative(errs, spec.minReadySeconds(), SPEC.child("minReadySeconds"));
    nonnegative(errs, spec.revisionHistoryLimit(), SPEC.child("revisionHistoryLimit"));
    String service = spec.serviceName();
    if (service != null && !service.isEmpty()) {
      errs.addAll(Names.validateDns1123Label(service, SPEC.child("serviceName")));
    }
    errs.addAll(
        LabelSelectorValidation.workload(
            spec.selector(),
            templateLabels(spec.template()),
            SPEC.child("selector"),
            SPEC.child("template", "metadata", "labels"),
            "statefulset"));
    return errs;
  }

  /** A DaemonSet's spec ({@code ValidateDaemonSetSpec}). */
  public static List<FieldError> daemonSetSpec(DaemonSetSpec spec) {
    List<FieldError> errs = new ArrayList<>();
    if (spec == null) {
      errs.add(FieldError.required("spec", ""));
      return errs;
    }
    errs.addAll(
        LabelSelectorValidation.workload(
            spec.selector(),
            templateLabels(spec.template()),
            SPEC.child("selector"),
            SPEC.child("template", "metadata", "labels"),
            "daemonset"));
    nonnegative(errs, spec.minReadySeconds(), SPEC.child("minReadySeconds"));
    nonnegative(errs, spec.revisionHistoryLimit(), SPEC.child("revisionHistoryLimit"));
    DaemonSetUpdateStrategy strategy = spec.updateStrategy();
    if (strategy != null) {
      FieldPath p = SPEC.child("updateStrategy");
      String type = strategy.type() == null ? "RollingUpdate" : strategy.type();
      switch (type) {
        case "OnDelete" -> {}
        case "RollingUpdate" -> {
          RollingUpdateDaemonSet ru = strategy.rollingUpdate();
          if (ru != null) {
            FieldPath r = p.child("rollingUpdate");
            IntOrString unavailable = orDefault(ru.maxUnavailable(), 1);
            IntOrString surge = orDefault(ru.maxSurge(), 0);
            errs.addAll(intOrPercent(unavailable, r.child("maxUnavailable")));
            errs.addAll(intOrPercent(surge, r.child("maxSurge")));
            errs.addAll(notMoreThan100Percent(unavailable, r.child("maxUnavailable")));
            errs.addAll(notMoreThan100Percent(surge, r.child("maxSurge")));
            boolean hasUnavailable = value(unavailable) != 0;
            boolean hasSurge = value(surge) != 0;
            if (hasUnavailable && hasSurge) {
              errs.add(
                  FieldError.invalid(
                      r.child("maxSurge").toString(),
                      raw(surge),
                      "may not be set when maxUnavailable is non-zero"));
            } else if (!hasUnavailable && !hasSurge) {
              errs.add(
                  FieldError.required(
                      r.child("maxUnavailable").toString(), "cannot be 0 when maxSurge is 0"));
            }
          }
        }
        default ->
            errs.add(
                FieldError.notSupported(
                    p.child("type").toString(), type, List.of("OnDelete", "RollingUpdate")));
      }
    }
    return errs;
  }

  // ---------------------------------------------------------------- shared

  static Map<String, String> templateLabels(PodTemplateSpec template) {
    return template == null || template.metadata() == null
        ? Map.of()
        : template.metadata().labels();
  }

  static void nonnegative(List<FieldError> errs, Number value, FieldPath path) {
    if (value != null) {
      errs.addAll(ObjectMetaValidation.validateNonnegative(value.longValue(), path));
    }
  }

  /** {@code ValidatePositiveIntOrPercent}: a non-negative integer or a valid percentage. */
  static List<FieldError> intOrPercent(IntOrString v, FieldPath path) {
    if (v == null) {
      return List.of();
    }
    if (v.isInt()) {
      return ObjectMetaValidation.validateNonnegative(v.intValue(), path);
    }
    List<FieldError> errs = new ArrayList<>();
    for (String msg : Names.isValidPercent(v.stringValue())) {
      errs.add(FieldError.invalid(path.toString(), v.stringValue(), msg));
    }
    return errs;
  }

  /** {@code IsNotMoreThan100Percent}. */
  static List<FieldError> notMoreThan100Percent(IntOrString v, FieldPath path) {
    if (v == null || v.isInt() || !Names.isValidPercent(v.stringValue()).isEmpty()) {
      return List.of();
    }
    long percent = percent(v.stringValue());
    if (percent <= 100) {
      return List.of();
    }
    return List.of(
        FieldError.invalid(path.toString(), v.stringValue(), "must not be greater than 100%"));
  }

  /** The number of an int or a valid percentage (-1 for an invalid percentage). */
  static long value(IntOrString v) {
    if (v == null) {
      return 0;
    }
    if (v.isInt()) {
      return v.intValue();
    }
    return Names.isValidPercent(v.stringValue()).isEmpty() ? percent(v.stringValue()) : -1;
  }

  private static long percent(String s) {
    try {
      return Long.parseLong(s.substring(0, s.length() - 1));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  static Object raw(IntOrString v) {
    return v.isInt() ? (Object) v.intValue() : v.stringValue();
  }

  private static IntOrString orDefault(IntOrString v, String d) {
    return v == null ? IntOrString.of(d) : v;
  }

  private static IntOrString orDefault(IntOrString v, int d) {
    return v == null ? IntOrString.of(d) : v;
  }
}
