package dev.keelson.api.validation;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.ContainerPort;
import dev.keelson.api.core.v1.EnvVar;
import dev.keelson.api.core.v1.EnvVarSource;
import dev.keelson.api.core.v1.ExecAction;
import dev.keelson.api.core.v1.GRPCAction;
import dev.keelson.api.core.v1.HTTPGetAction;
import dev.keelson.api.core.v1.Lifecycle;
import dev.keelson.api.core.v1.LifecycleHandler;
import dev.keelson.api.core.v1.PodSpec;
import dev.keelson.api.core.v1.Probe;
import dev.keelson.api.core.v1.ResourceRequirements;
import dev.keelson.api.core.v1.TCPSocketAction;
import dev.keelson.api.values.Quantity;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The container side of {@link PodValidation}: one container or init container (name, image,
 * enumerations, restart policy, ports, env, resources, volume mounts, probes, lifecycle handlers)
 * and the pod-wide uniqueness of {@code hostPort/protocol}. Init containers that are not sidecars
 * ({@code restartPolicy: Always}) may not have probes or lifecycle handlers.
 */
final class ContainerValidation {
  private static final Set<String> STANDARD_CONTAINER_RESOURCES =
      Set.of("cpu", "memory", "ephemeral-storage");

  private ContainerValidation() {}

  static List<FieldError> validateContainer(
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
    errs.addAll(
        enumValue(c.imagePullPolicy(), at.child("imagePullPolicy"), PodValidation.PULL_POLICIES));
    errs.addAll(
        enumValue(
            c.terminationMessagePolicy(),
            at.child("terminationMessagePolicy"),
            PodValidation.TERMINATION_MESSAGE_POLICIES));
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
    errs.addAll(
        VolumeValidation.validateVolumeMounts(
            c.volumeMounts(), at.child("volumeMounts"), volumeNames));
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
      errs.addAll(PodValidation.protocol(p.protocol(), at.child("protocol")));
    }
    return errs;
  }

  /** Each {@code hostPort/protocol} may be claimed once in the whole pod. */
  static List<FieldError> validateHostPorts(PodSpec spec, FieldPath path) {
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
          if (VolumeValidation.value(c, from) != null) {
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
      errs.addAll(VolumeValidation.exactlyOne(h, "", at, "handler type"));
      for (RecordComponent c : LifecycleHandler.class.getRecordComponents()) {
        Object v = VolumeValidation.value(c, h);
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
        errs.addAll(PodValidation.portNumOrName(http.port(), path.child("port")));
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
      case TCPSocketAction tcp ->
          errs.addAll(PodValidation.portNumOrName(tcp.port(), path.child("port")));
      case GRPCAction grpc ->
          errs.addAll(
              Names.validatePortNum(grpc.port() == null ? 0 : grpc.port(), path.child("port")));
      default -> {}
    }
    return errs;
  }

  private static List<FieldError> nonNegative(Integer value, FieldPath path) {
    return value == null ? List.of() : ObjectMetaValidation.validateNonnegative(value, path);
  }
}
