package dev.keelson.api.validation;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.EphemeralContainer;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodSpec;
import dev.keelson.api.core.v1.PodSpecBuilder;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.values.IntOrString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validation of {@code core/v1} Pods and pod specs, after Kubernetes' {@code ValidatePodCreate},
 * {@code ValidatePodSpec} and {@code ValidatePodUpdate} ({@code pkg/apis/core/validation}).
 *
 * <p><b>Defaults.</b> Kubernetes validates after defaulting. An absent (null) enumerated field
 * ({@code restartPolicy}, {@code dnsPolicy}, a port's {@code protocol}, {@code imagePullPolicy},
 * {@code terminationMessagePolicy}) is accepted here as its default value; a present value must be
 * one of the supported ones.
 *
 * <p>Covered: metadata; containers and init containers (required, names as DNS labels and unique
 * across both lists, image, ports, env names and value sources, resources, volume mounts, probes,
 * lifecycle handlers, enumerations); volumes (names, exactly one source); restart and DNS policy;
 * grace period and active deadline; node selector, service account, node, host and subdomain names;
 * ephemeral containers (names unique among all containers, images, the fields they may not set,
 * their target container and mounts; only additions through {@code pods/ephemeralcontainers}); the
 * fields a Pod update may change. Not covered: security contexts, affinity, tolerations, topology
 * spread, DNS config, the env of ephemeral containers, resource claims, the details of each volume
 * source, pod status.
 *
 * <p>The spec-level checks live here; each container is checked by {@link ContainerValidation},
 * volumes and volume mounts by {@link VolumeValidation}.
 */
public final class PodValidation implements Validator<Pod> {
  /** The supported {@code restartPolicy} values, in Kubernetes' message order. */
  public static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");

  /** The supported {@code dnsPolicy} values (sorted, as Kubernetes lists them). */
  public static final List<String> DNS_POLICIES =
      List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None");

  /** The supported {@code imagePullPolicy} values. */
  public static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");

  /** The supported port protocols. */
  public static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

  /** The supported {@code terminationMessagePolicy} values. */
  public static final List<String> TERMINATION_MESSAGE_POLICIES =
      List.of("FallbackToLogsOnError", "File");

  static final String POD_UPDATE_FORBIDDEN =
      "pod updates may not change fields other than `spec.containers[*].image`,"
          + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations`"
          + " (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow"
          + " it to be set to 1 if it was previously negative)";

  /** Marks a mirror pod, the API server's copy of a node's static pod. */
  static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

  private static final ObjectMetaValidation META =
      ObjectMetaValidation.of(true, NameValidator.DNS_SUBDOMAIN);

  @Override
  public List<FieldError> validate(Pod pod) {
    List<FieldError> errs = new ArrayList<>(META.validate(pod.metadata()));
    errs.addAll(validateSpec(pod.spec(), FieldPath.root("spec")));
    return List.copyOf(errs);
  }

  @Override
  public List<FieldError> validateUpdate(Pod newPod, Pod oldPod) {
    List<FieldError> errs =
        new ArrayList<>(META.validateUpdate(newPod.metadata(), oldPod.metadata()));
    errs.addAll(validateSpec(newPod.spec(), FieldPath.root("spec")));
    PodSpec newSpec = newPod.spec();
    PodSpec oldSpec = oldPod.spec();
    if (newSpec != null && oldSpec != null && !onlyMutableFieldsChanged(newSpec, oldSpec)) {
      errs.add(FieldError.forbidden("spec", POD_UPDATE_FORBIDDEN));
    }
    return List.copyOf(errs);
  }

  /**
   * A write to {@code pods/ephemeralcontainers} ({@code ValidatePodEphemeralContainersUpdate}): the
   * pod as a whole, and ephemeral containers only added: an existing one may be neither removed nor
   * changed. A mirror (static) pod takes none.
   */
  public static List<FieldError> validateEphemeralContainersUpdate(Pod newPod, Pod oldPod) {
    if (oldPod.metadata().annotations().containsKey(MIRROR_ANNOTATION)) {
      return List.of(FieldError.forbidden("", "static pods do not support ephemeral containers"));
    }
    List<FieldError> errs =
        new ArrayList<>(META.validateUpdate(newPod.metadata(), oldPod.metadata()));
    errs.addAll(validateSpec(newPod.spec(), FieldPath.root("spec")));
    if (newPod.spec() == null || oldPod.spec() == null) {
      return List.copyOf(errs);
    }
    FieldPath at = FieldPath.root("spec").child("ephemeralContainers");
    Map<String, EphemeralContainer> added = new HashMap<>();
    for (EphemeralContainer c : newPod.spec().ephemeralContainers()) {
      added.put(c.name(), c);
    }
    for (EphemeralContainer old : oldPod.spec().ephemeralContainers()) {
      EphemeralContainer now = added.get(old.name());
      if (now == null) {
        errs.add(
            FieldError.forbidden(
                at.toString(),
                "existing ephemeral containers \"" + old.name() + "\" may not be removed"));
      } else if (!now.equals(old)) {
        errs.add(
            FieldError.forbidden(
                at.child(old.name()).toString(),
                "existing ephemeral containers \"" + old.name() + "\" may not be changed"));
      }
    }
    return List.copyOf(errs);
  }

  /**
   * What an ephemeral container may not have ({@code validateEphemeralContainers}): ports, probes,
   * lifecycle handlers, resources, a restart policy, devices or a volume subPath; a {@code
   * targetContainerName} must name a container or init container; mounts must name volumes.
   */
  private static List<FieldError> ephemeralOnly(
      EphemeralContainer c, FieldPath at, PodSpec spec, Set<String> volumeNames) {
    List<FieldError> errs = new ArrayList<>();
    String cannot = "cannot be set for an Ephemeral Container";
    Map<String, Boolean> set = new LinkedHashMap<>();
    set.put("ports", !c.ports().isEmpty());
    set.put(
        "resources",
        c.resources() != null
            && !(c.resources().limits().isEmpty()
                && c.resources().requests().isEmpty()
                && c.resources().claims().isEmpty()));
    set.put("resizePolicy", !c.resizePolicy().isEmpty());
    set.put("restartPolicy", c.restartPolicy() != null && !c.restartPolicy().isEmpty());
    set.put("restartPolicyRules", !c.restartPolicyRules().isEmpty());
    set.put("volumeDevices", !c.volumeDevices().isEmpty());
    set.put("livenessProbe", c.livenessProbe() != null);
    set.put("readinessProbe", c.readinessProbe() != null);
    set.put("startupProbe", c.startupProbe() != null);
    set.put("lifecycle", c.lifecycle() != null);
    set.forEach(
        (field, present) -> {
          if (present) {
            errs.add(FieldError.forbidden(at.child(field).toString(), cannot));
          }
        });
    String target = c.targetContainerName();
    if (target != null
        && !target.isEmpty()
        && spec.containers().stream().noneMatch(x -> target.equals(x.name()))
        && spec.initContainers().stream().noneMatch(x -> target.equals(x.name()))) {
      errs.add(
          new FieldError(
              FieldError.Type.NOT_FOUND, at.child("targetContainerName").toString(), target, ""));
    }
    errs.addAll(
        VolumeValidation.validateVolumeMounts(
            c.volumeMounts(), at.child("volumeMounts"), volumeNames));
    for (int i = 0; i < c.volumeMounts().size(); i++) {
      String subPath = c.volumeMounts().get(i).subPath();
      if (subPath != null && !subPath.isEmpty()) {
        errs.add(
            FieldError.forbidden(
                at.child("volumeMounts").index(i).child("subPath").toString(), cannot));
      }
    }
    return errs;
  }

  /**
   * A pod template ({@code spec.template} of workloads) at {@code path}: its labels and
   * annotations, and its spec at {@code path.spec}. With {@code restartAlways} (Deployments,
   * ReplicaSets, StatefulSets, DaemonSets) the restart policy must be {@code Always}.
   */
  public static List<FieldError> validateTemplate(
      PodTemplateSpec template, FieldPath path, boolean restartAlways) {
    List<FieldError> errs = new ArrayList<>();
    if (template == null) {
      errs.add(FieldError.required(path.toString(), ""));
      return errs;
    }
    if (template.metadata() != null) {
      FieldPath meta = path.child("metadata");
      errs.addAll(
          ObjectMetaValidation.validateLabels(template.metadata().labels(), meta.child("labels")));
      errs.addAll(
          ObjectMetaValidation.validateAnnotations(
              template.metadata().annotations(), meta.child("annotations")));
    }
    errs.addAll(validateSpec(template.spec(), path.child("spec")));
    if (restartAlways
        && template.spec() != null
        && template.spec().restartPolicy() != null
        && !template.spec().restartPolicy().equals("Always")) {
      errs.add(
          FieldError.notSupported(
              path.child("spec", "restartPolicy").toString(),
              template.spec().restartPolicy(),
              List.of("Always")));
    }
    return errs;
  }

  /** A pod spec (also inside templates) at {@code path}. */
  public static List<FieldError> validateSpec(PodSpec spec, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (spec == null) {
      errs.add(FieldError.required(path.toString(), ""));
      return errs;
    }
    Set<String> volumeNames = new HashSet<>();
    errs.addAll(
        VolumeValidation.validateVolumes(spec.volumes(), path.child("volumes"), volumeNames));

    Set<String> containerNames = new HashSet<>();
    if (spec.containers().isEmpty()) {
      errs.add(FieldError.required(path.child("containers").toString(), ""));
    }
    for (int i = 0; i < spec.containers().size(); i++) {
      errs.addAll(
          ContainerValidation.validateContainer(
              spec.containers().get(i),
              path.child("containers").index(i),
              containerNames,
              volumeNames,
              false));
    }
    for (int i = 0; i < spec.initContainers().size(); i++) {
      errs.addAll(
          ContainerValidation.validateContainer(
              spec.initContainers().get(i),
              path.child("initContainers").index(i),
              containerNames,
              volumeNames,
              true));
    }
    for (int i = 0; i < spec.ephemeralContainers().size(); i++) {
      EphemeralContainer c = spec.ephemeralContainers().get(i);
      FieldPath at = path.child("ephemeralContainers").index(i);
      String name = ObjectMetaValidation.nullToEmpty(c.name());
      if (name.isEmpty()) {
        errs.add(FieldError.required(at.child("name").toString(), ""));
      } else {
        errs.addAll(Names.validateDns1123Label(name, at.child("name")));
        if (!containerNames.add(name)) {
          errs.add(FieldError.duplicate(at.child("name").toString(), name));
        }
      }
      if (c.image() == null || c.image().isEmpty()) {
        errs.add(FieldError.required(at.child("image").toString(), ""));
      }
      errs.addAll(ephemeralOnly(c, at, spec, volumeNames));
    }
    errs.addAll(ContainerValidation.validateHostPorts(spec, path));

    if (spec.restartPolicy() != null && !RESTART_POLICIES.contains(spec.restartPolicy())) {
      errs.add(
          spec.restartPolicy().isEmpty()
              ? FieldError.required(path.child("restartPolicy").toString(), "")
              : FieldError.notSupported(
                  path.child("restartPolicy").toString(), spec.restartPolicy(), RESTART_POLICIES));
    }
    if (spec.dnsPolicy() != null && !DNS_POLICIES.contains(spec.dnsPolicy())) {
      errs.add(
          FieldError.notSupported(
              path.child("dnsPolicy").toString(), spec.dnsPolicy(), DNS_POLICIES));
    }
    if (spec.terminationGracePeriodSeconds() != null) {
      errs.addAll(
          ObjectMetaValidation.validateNonnegative(
              spec.terminationGracePeriodSeconds(), path.child("terminationGracePeriodSeconds")));
    }
    if (spec.activeDeadlineSeconds() != null
        && (spec.activeDeadlineSeconds() < 1 || spec.activeDeadlineSeconds() > Integer.MAX_VALUE)) {
      errs.add(
          FieldError.invalid(
              path.child("activeDeadlineSeconds").toString(),
              spec.activeDeadlineSeconds(),
              Names.inclusiveRangeError(1, Integer.MAX_VALUE)));
    }
    errs.addAll(
        ObjectMetaValidation.validateLabels(spec.nodeSelector(), path.child("nodeSelector")));
    errs.addAll(optionalName(spec.serviceAccountName(), path.child("serviceAccountName"), true));
    errs.addAll(optionalName(spec.nodeName(), path.child("nodeName"), true));
    errs.addAll(optionalName(spec.hostname(), path.child("hostname"), false));
    errs.addAll(optionalName(spec.subdomain(), path.child("subdomain"), false));
    return errs;
  }

  /** A port's protocol: absent (defaulted to TCP) or one of {@link #PROTOCOLS}. */
  static List<FieldError> protocol(String protocol, FieldPath path) {
    if (protocol == null) {
      return List.of(); // defaulted to TCP
    }
    if (protocol.isEmpty()) {
      return List.of(FieldError.required(path.toString(), ""));
    }
    if (!PROTOCOLS.contains(protocol)) {
      return List.of(FieldError.notSupported(path.toString(), protocol, PROTOCOLS));
    }
    return List.of();
  }

  /** A port given as a number (1-65535) or a port name; absent is {@code Required}. */
  public static List<FieldError> portNumOrName(IntOrString port, FieldPath path) {
    if (port == null) {
      return List.of(FieldError.required(path.toString(), ""));
    }
    if (port.isInt()) {
      return Names.validatePortNum(port.intValue(), path);
    }
    String name = port.stringValue();
    return Names.invalid(path, name, Names.isValidPortName(name));
  }

  private static List<FieldError> optionalName(String value, FieldPath path, boolean subdomain) {
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    return subdomain
        ? Names.validateDns1123Subdomain(value, path)
        : Names.validateDns1123Label(value, path);
  }

  // ---- update

  /**
   * Whether {@code newSpec} differs from {@code oldSpec} only in container images, {@code
   * activeDeadlineSeconds}, added tolerations and {@code terminationGracePeriodSeconds}.
   */
  private static boolean onlyMutableFieldsChanged(PodSpec newSpec, PodSpec oldSpec) {
    if (newSpec.containers().size() != oldSpec.containers().size()
        || newSpec.initContainers().size() != oldSpec.initContainers().size()) {
      return false;
    }
    if (!newSpec.tolerations().containsAll(oldSpec.tolerations())) {
      return false;
    }
    List<Container> containers = new ArrayList<>();
    for (int i = 0; i < oldSpec.containers().size(); i++) {
      containers.add(oldSpec.containers().get(i).withImage(newSpec.containers().get(i).image()));
    }
    List<Container> inits = new ArrayList<>();
    for (int i = 0; i < oldSpec.initContainers().size(); i++) {
      inits.add(oldSpec.initContainers().get(i).withImage(newSpec.initContainers().get(i).image()));
    }
    PodSpec mutated =
        PodSpecBuilder.builder(oldSpec)
            .containers(containers)
            .initContainers(inits)
            .activeDeadlineSeconds(newSpec.activeDeadlineSeconds())
            .tolerations(newSpec.tolerations())
            .terminationGracePeriodSeconds(newSpec.terminationGracePeriodSeconds())
            .build();
    return mutated.equals(newSpec);
  }
}
