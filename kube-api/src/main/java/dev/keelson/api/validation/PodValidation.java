package dev.keelson.api.validation;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.ContainerPort;
import dev.keelson.api.core.v1.EnvVar;
import dev.keelson.api.core.v1.EnvVarSource;
import dev.keelson.api.core.v1.EphemeralContainer;
import dev.keelson.api.core.v1.ExecAction;
import dev.keelson.api.core.v1.GRPCAction;
import dev.keelson.api.core.v1.HTTPGetAction;
import dev.keelson.api.core.v1.Lifecycle;
import dev.keelson.api.core.v1.LifecycleHandler;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodSpec;
import dev.keelson.api.core.v1.PodSpecBuilder;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.core.v1.Probe;
import dev.keelson.api.core.v1.ResourceRequirements;
import dev.keelson.api.core.v1.TCPSocketAction;
import dev.keelson.api.core.v1.Volume;
import dev.keelson.api.core.v1.VolumeMount;
import dev.keelson.api.values.IntOrString;
import dev.keelson.api.values.Quantity;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
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
 * ephemeral container names (unique among all containers) and images; the fields a Pod update may
 * change. Not covered: security contexts, affinity, tolerations, topology spread, DNS config, the
 * other fields of ephemeral containers, resource claims, the details of each volume source, pod
 * status.
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

  private static final Set<String> STANDARD_CONTAINER_RESOURCES =
      Set.of("cpu", "memory", "ephemeral-storage");

  static final String POD_UPDATE_FORBIDDEN =
      "pod updates may not change fields other than `spec.containers[*].image`,"
          + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations`"
          + " (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow"
          + " it to be set to 1 if it was previously negative)";

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
    errs.addAll(validateVolumes(spec.volumes(), path.child("volumes"), volumeNames));

    Set<String> containerNames = new HashSet<>();
    if (spec.containers().isEmpty()) {
      errs.add(FieldError.required(path.child("containers").toString(), ""));
    }
    for (int i = 0; i < spec.containers().size(); i++) {
      errs.addAll(
          validateContainer(
              spec.containers().get(i),
              path.child("containers").index(i),
              containerNames,
              volumeNames,
              false));
    }
    for (int i = 0; i < spec.initContainers().size(); i++) {
      errs.addAll(
          validateContainer(
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
    }
    errs.addAll(validateHostPorts(spec, path));

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

  // ---- volumes

  private static List<FieldError> validateVolumes(
      List<Volume> volumes, FieldPath path, Set<String> names) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < volumes.size(); i++) {
      Volume v = volumes.get(i);
      FieldPath at = path.index(i);
      FieldPath namePath = at.child("name");
      String name = ObjectMetaValidation.nullToEmpty(v.name());
      if (name.isEmpty()) {
        errs.add(FieldError.required(namePath.toString(), ""));
      } else {
        errs.addAll(Names.validateDns1123Label(name, namePath));
      }
      if (!name.isEmpty() && !names.add(name)) {
        errs.add(FieldError.duplicate(namePath.toString(), name));
      }
      errs.addAll(exactlyOne(v, "name", at, "volume type"));
    }
    return errs;
  }

  /**
   * Of the non-null components of {@code record} other than {@code skip}, exactly one: {@code
   * Required: must specify a <what>} for none, {@code Forbidden: may not specify more than 1
   * <what>} at each extra one.
   */
  private static List<FieldError> exactlyOne(
      Record record, String skip, FieldPath at, String what) {
    List<FieldError> errs = new ArrayList<>();
    int count = 0;
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      if (c.getName().equals(skip) || value(c, record) == null) {
        continue;
      }
      if (++count > 1) {
        errs.add(
            FieldError.forbidden(
                at.child(c.getName()).toString(), "may not specify more than 1 " + what));
      }
    }
    if (count == 0) {
      errs.add(FieldError.required(at.toString(), "must specify a " + what));
    }
    return errs;
  }

  private static Object value(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- containers

  private static List<FieldError> validateContainer(
      Container c,
      FieldPath at,
      Set<String> containerNames,
      Set<String> volumeNames,
      boolean init) {
    List<FieldError> errs = new ArrayList<>();
    FieldPath namePath = at.child("name");
    String name = ObjectMetaValidation.nullToEmpty(c.name());
    if (name.isEmpty()) {
      errs.add(FieldError.required(namePath.toString(), ""));
    } else {
      errs.addAll(Names.validateDns1123Label(name, namePath));
      if (!containerNames.add(name)) {
        errs.add(FieldError.duplicate(namePath.toString(), name));
      }
    }
    if (c.image() == null || c.image().isEmpty()) {
      errs.add(FieldError.required(at.child("image").toString(), ""));
    }
    errs.addAll(enumValue(c.imagePullPolicy(), at.child("imagePullPolicy"), PULL_POLICIES));
    errs.addAll(
        enumValue(
            c.terminationMessagePolicy(),
            at.child("terminationMessagePolicy"),
            TERMINATION_MESSAGE_POLICIES));
    if (c.restartPolicy() != null) {
      if (!init) {
        errs.add(
            FieldError.forbidden(
                at.child("restartPolicy").toString(), "may not be set for non-init containers"));
      } else if (!c.restartPolicy().equals("Always")) {
        errs.add(
            FieldError.notSupported(
                at.child("restartPolicy").toString(), c.restartPolicy(), List.of("Always")));
      }
    }
    boolean sidecar = init && "Always".equals(c.restartPolicy());
    errs.addAll(validatePorts(c.ports(), at.child("ports")));
    errs.addAll(validateEnv(c.env(), at.child("env")));
    errs.addAll(validateResources(c.resources(), at.child("resources")));
    errs.addAll(validateVolumeMounts(c.volumeMounts(), at.child("volumeMounts"), volumeNames));
    if (init && !sidecar) {
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        Object p =
            switch (probe) {
              case "livenessProbe" -> c.livenessProbe();
              case "readinessProbe" -> c.readinessProbe();
              default -> c.startupProbe();
            };
        if (p != null) {
          errs.add(
              FieldError.forbidden(
                  at.child(probe).toString(), "may not be set for init containers"));
        }
      }
      if (c.lifecycle() != null) {
        errs.add(
            FieldError.forbidden(
                at.child("lifecycle").toString(), "may not be set for init containers"));
      }
    } else {
      errs.addAll(validateProbe(c.livenessProbe(), at.child("livenessProbe"), true));
      errs.addAll(validateProbe(c.readinessProbe(), at.child("readinessProbe"), false));
      errs.addAll(validateProbe(c.startupProbe(), at.child("startupProbe"), true));
      errs.addAll(validateLifecycle(c.lifecycle(), at.child("lifecycle")));
    }
    return errs;
  }

  private static List<FieldError> validatePorts(List<ContainerPort> ports, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ContainerPort p = ports.get(i);
      FieldPath at = path.index(i);
      String name = ObjectMetaValidation.nullToEmpty(p.name());
      if (!name.isEmpty()) {
        List<String> msgs = Names.isValidPortName(name);
        if (!msgs.isEmpty()) {
          errs.addAll(Names.invalid(at.child("name"), name, msgs));
        } else if (!names.add(name)) {
          errs.add(FieldError.duplicate(at.child("name").toString(), name));
        }
      }
      int containerPort = p.containerPort() == null ? 0 : p.containerPort();
      if (containerPort == 0) {
        errs.add(FieldError.required(at.child("containerPort").toString(), ""));
      } else {
        errs.addAll(Names.validatePortNum(containerPort, at.child("containerPort")));
      }
      if (p.hostPort() != null && p.hostPort() != 0) {
        errs.addAll(Names.validatePortNum(p.hostPort(), at.child("hostPort")));
      }
      errs.addAll(protocol(p.protocol(), at.child("protocol")));
    }
    return errs;
  }

  /** Each {@code hostPort/protocol} may be claimed once in the whole pod. */
  private static List<FieldError> validateHostPorts(PodSpec spec, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String list : List.of("containers", "initContainers")) {
      List<Container> cs = list.equals("containers") ? spec.containers() : spec.initContainers();
      for (int ci = 0; ci < cs.size(); ci++) {
        List<ContainerPort> ports = cs.get(ci).ports();
        for (int pi = 0; pi < ports.size(); pi++) {
          ContainerPort p = ports.get(pi);
          if (p.hostPort() == null || p.hostPort() == 0) {
            continue;
          }
          String key = p.hostPort() + "/" + (p.protocol() == null ? "TCP" : p.protocol());
          if (!seen.add(key)) {
            errs.add(
                FieldError.duplicate(
                    path.child(list)
                        .index(ci)
                        .child("ports")
                        .index(pi)
                        .child("hostPort")
                        .toString(),
                    key));
          }
        }
      }
    }
    return errs;
  }

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

  private static List<FieldError> enumValue(String value, FieldPath path, List<String> supported) {
    if (value == null || supported.contains(value)) {
      return List.of();
    }
    if (value.isEmpty()) {
      return List.of(FieldError.required(path.toString(), ""));
    }
    return List.of(FieldError.notSupported(path.toString(), value, supported));
  }

  private static List<FieldError> validateEnv(List<EnvVar> env, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < env.size(); i++) {
      EnvVar e = env.get(i);
      FieldPath at = path.index(i);
      String name = ObjectMetaValidation.nullToEmpty(e.name());
      if (name.isEmpty()) {
        errs.add(FieldError.required(at.child("name").toString(), ""));
      }
      errs.addAll(Names.invalid(at.child("name"), name, Names.isRelaxedEnvVarName(name)));
      EnvVarSource from = e.valueFrom();
      if (from != null) {
        FieldPath fromPath = at.child("valueFrom");
        int sources = 0;
        for (RecordComponent c : EnvVarSource.class.getRecordComponents()) {
          if (value(c, from) != null) {
            sources++;
          }
        }
        if (sources == 0) {
          errs.add(
              FieldError.invalid(
                  fromPath.toString(),
                  "",
                  "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or"
                      + " `secretKeyRef`"));
        } else if (e.value() != null && !e.value().isEmpty()) {
          errs.add(
              FieldError.invalid(
                  fromPath.toString(), "", "may not be specified when `value` is not empty"));
        } else if (sources > 1) {
          errs.add(
              FieldError.invalid(
                  fromPath.toString(), "", "may not have more than one field specified at a time"));
        }
      }
    }
    return errs;
  }

  private static List<FieldError> validateResources(ResourceRequirements r, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (r == null) {
      return errs;
    }
    FieldPath limPath = path.child("limits");
    FieldPath reqPath = path.child("requests");
    for (Map.Entry<String, Quantity> e : r.limits().entrySet()) {
      errs.addAll(resourceName(e.getKey(), limPath.key(e.getKey())));
      errs.addAll(nonNegative(e.getValue(), limPath.key(e.getKey())));
    }
    for (Map.Entry<String, Quantity> e : r.requests().entrySet()) {
      String resource = e.getKey();
      Quantity request = e.getValue();
      errs.addAll(resourceName(resource, reqPath.key(resource)));
      errs.addAll(nonNegative(request, reqPath.key(resource)));
      Quantity limit = r.limits().get(resource);
      if (limit != null && request.compareTo(limit) > 0) {
        errs.add(
            FieldError.invalid(
                reqPath.toString(),
                request.toString(),
                "must be less than or equal to " + resource + " limit of " + limit));
      }
    }
    return errs;
  }

  private static List<FieldError> resourceName(String name, FieldPath path) {
    List<FieldError> errs = new ArrayList<>(Names.validateQualifiedName(name, path));
    if (errs.isEmpty()
        && !name.contains("/")
        && !STANDARD_CONTAINER_RESOURCES.contains(name)
        && !name.startsWith("hugepages-")) {
      errs.add(
          FieldError.invalid(path.toString(), name, "must be a standard resource for containers"));
    }
    return errs;
  }

  private static List<FieldError> nonNegative(Quantity q, FieldPath path) {
    if (q.signum() < 0) {
      return List.of(
          FieldError.invalid(path.toString(), q.toString(), "must be greater than or equal to 0"));
    }
    return List.of();
  }

  private static List<FieldError> validateVolumeMounts(
      List<VolumeMount> mounts, FieldPath path, Set<String> volumeNames) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> mountPaths = new HashSet<>();
    for (int i = 0; i < mounts.size(); i++) {
      VolumeMount m = mounts.get(i);
      FieldPath at = path.index(i);
      String name = ObjectMetaValidation.nullToEmpty(m.name());
      if (name.isEmpty()) {
        errs.add(FieldError.required(at.child("name").toString(), ""));
      } else if (!volumeNames.contains(name)) {
        errs.add(new FieldError(FieldError.Type.NOT_FOUND, at.child("name").toString(), name, ""));
      }
      String mountPath = ObjectMetaValidation.nullToEmpty(m.mountPath());
      if (mountPath.isEmpty()) {
        errs.add(FieldError.required(at.child("mountPath").toString(), ""));
      } else if (!mountPaths.add(mountPath)) {
        errs.add(FieldError.invalid(at.child("mountPath").toString(), mountPath, "must be unique"));
      }
      String subPath = ObjectMetaValidation.nullToEmpty(m.subPath());
      if (!subPath.isEmpty()) {
        errs.addAll(localDescendingPath(subPath, at.child("subPath")));
      }
    }
    return errs;
  }

  private static List<FieldError> localDescendingPath(String p, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (p.startsWith("/")) {
      errs.add(FieldError.invalid(path.toString(), p, "must be a relative path"));
    }
    for (String part : p.split("[/\\\\]")) {
      if (part.equals("..")) {
        errs.add(FieldError.invalid(path.toString(), p, "must not contain '..'"));
        break;
      }
    }
    return errs;
  }

  // ---- probes and handlers

  private static List<FieldError> validateProbe(Probe p, FieldPath path, boolean successMustBeOne) {
    List<FieldError> errs = new ArrayList<>();
    if (p == null) {
      return errs;
    }
    int handlers = 0;
    String[] kinds = {"exec", "httpGet", "tcpSocket", "grpc"};
    Object[] values = {p.exec(), p.httpGet(), p.tcpSocket(), p.grpc()};
    for (int i = 0; i < kinds.length; i++) {
      if (values[i] == null) {
        continue;
      }
      if (handlers++ > 0) {
        errs.add(
            FieldError.forbidden(
                path.child(kinds[i]).toString(), "may not specify more than 1 handler type"));
      } else {
        errs.addAll(validateAction(values[i], path.child(kinds[i])));
      }
    }
    if (handlers == 0) {
      errs.add(FieldError.required(path.toString(), "must specify a handler type"));
    }
    errs.addAll(nonNegative(p.initialDelaySeconds(), path.child("initialDelaySeconds")));
    errs.addAll(nonNegative(p.timeoutSeconds(), path.child("timeoutSeconds")));
    errs.addAll(nonNegative(p.periodSeconds(), path.child("periodSeconds")));
    errs.addAll(nonNegative(p.successThreshold(), path.child("successThreshold")));
    errs.addAll(nonNegative(p.failureThreshold(), path.child("failureThreshold")));
    if (successMustBeOne && p.successThreshold() != null && p.successThreshold() != 1) {
      errs.add(
          FieldError.invalid(
              path.child("successThreshold").toString(), p.successThreshold(), "must be 1"));
    }
    if (p.terminationGracePeriodSeconds() != null && p.terminationGracePeriodSeconds() <= 0) {
      errs.add(
          FieldError.invalid(
              path.child("terminationGracePeriodSeconds").toString(),
              p.terminationGracePeriodSeconds(),
              "must be greater than 0"));
    }
    return errs;
  }

  private static List<FieldError> validateLifecycle(Lifecycle l, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (l == null) {
      return errs;
    }
    for (String hook : List.of("postStart", "preStop")) {
      LifecycleHandler h = hook.equals("postStart") ? l.postStart() : l.preStop();
      if (h == null) {
        continue;
      }
      FieldPath at = path.child(hook);
      errs.addAll(exactlyOne(h, "", at, "handler type"));
      for (RecordComponent c : LifecycleHandler.class.getRecordComponents()) {
        Object v = value(c, h);
        if (v != null) {
          errs.addAll(validateAction(v, at.child(c.getName())));
          break;
        }
      }
    }
    return errs;
  }

  private static List<FieldError> validateAction(Object action, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    switch (action) {
      case ExecAction exec -> {
        if (exec.command().isEmpty()) {
          errs.add(FieldError.required(path.child("command").toString(), ""));
        }
      }
      case HTTPGetAction http -> {
        errs.addAll(portNumOrName(http.port(), path.child("port")));
        if (http.scheme() != null && !List.of("HTTP", "HTTPS").contains(http.scheme())) {
          errs.add(
              FieldError.notSupported(
                  path.child("scheme").toString(), http.scheme(), List.of("HTTP", "HTTPS")));
        }
        for (int i = 0; i < http.httpHeaders().size(); i++) {
          String header = ObjectMetaValidation.nullToEmpty(http.httpHeaders().get(i).name());
          errs.addAll(
              Names.invalid(
                  path.child("httpHeaders").index(i).child("name"),
                  header,
                  Names.isHttpHeaderName(header)));
        }
      }
      case TCPSocketAction tcp -> errs.addAll(portNumOrName(tcp.port(), path.child("port")));
      case GRPCAction grpc ->
          errs.addAll(
              Names.validatePortNum(grpc.port() == null ? 0 : grpc.port(), path.child("port")));
      default -> {}
    }
    return errs;
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

  private static List<FieldError> nonNegative(Integer value, FieldPath path) {
    return value == null ? List.of() : ObjectMetaValidation.validateNonnegative(value, path);
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
