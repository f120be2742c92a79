package dev.keelson.node.internal;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.EnvFromSource;
import dev.keelson.api.core.v1.EnvVar;
import dev.keelson.api.core.v1.EnvVarSource;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Secret;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.core.v1.ServicePort;
import dev.keelson.api.values.Quantity;
import dev.keelson.client.ListOptions;
import dev.keelson.controller.events.EventRecorder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A container's environment as kubelet makes it: {@code envFrom} sources in order (with prefix;
 * keys that are not valid env var names are skipped with an {@code InvalidEnvironmentVariableNames}
 * event), then {@code env} entries ({@code $(VAR)} expanded against the variables so far and the
 * service variables; {@code valueFrom} configMapKeyRef, secretKeyRef, fieldRef, resourceFieldRef),
 * then the service variables ({@code FOO_SERVICE_HOST}...) not already set. A missing non-optional
 * source raises {@link ContainerConfigException} with kubelet's message.
 */
final class EnvResolver {
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  /** Where kubelet finds the master service whose variables every pod gets. */
  static final String MASTER_NAMESPACE = "default";

  private final ConfigSources sources;
  private final EventRecorder events;
  private final Map<String, Quantity> allocatable;

  EnvResolver(ConfigSources sources, EventRecorder events, Map<String, Quantity> allocatable) {
    this.sources = sources;
    this.events = events;
    this.allocatable = allocatable;
  }

  /** The environment of {@code c} in {@code pod}, given the pod's IPs and the node's IP. */
  Map<String, String> resolve(Pod pod, Container c, List<String> podIps, String hostIp) {
    Map<String, String> serviceEnv = serviceEnv(pod);
    Map<String, String> env = new LinkedHashMap<>();
    String ns = pod.metadata().namespace();
    for (EnvFromSource from : c.envFrom()) {
      String prefix = from.prefix() == null ? "" : from.prefix();
      List<String> invalid = new ArrayList<>();
      String kind;
      String name;
      Map<String, String> values = new TreeMap<>();
      if (from.configMapRef() != null) {
        kind = "configMap";
        name = from.configMapRef().name();
        Optional<ConfigMap> cm = sources.configMap(name);
        if (cm.isEmpty()) {
          if (Boolean.TRUE.equals(from.configMapRef().optional())) {
            continue;
          }
          throw new ContainerConfigException(ConfigSources.configMapNotFound(name));
        }
        values.putAll(cm.get().data());
      } else if (from.secretRef() != null) {
        kind = "secret";
        name = from.secretRef().name();
        Optional<Secret> s = sources.secret(name);
        if (s.isEmpty()) {
          if (Boolean.TRUE.equals(from.secretRef().optional())) {
            continue;
          }
          throw new ContainerConfigException(ConfigSources.secretNotFound(name));
        }
        ConfigSources.secretData(s.get())
            .forEach((k, v) -> values.put(k, new String(v, StandardCharsets.UTF_8)));
      } else {
        continue;
      }
      for (var e : values.entrySet()) {
        String k = prefix + e.getKey();
        if (!ENV_NAME.matcher(k).matches()) {
          invalid.add(k);
          continue;
        }
        env.put(k, e.getValue());
      }
      if (!invalid.isEmpty()) {
        invalid.sort(null);
        events.warning(
            pod,
            "InvalidEnvironmentVariableNames",
            "Keys ["
                + String.join(", ", invalid)
                + "] from the EnvFrom "
                + kind
                + " "
                + ns
                + "/"
                + name
                + " were skipped since they are considered invalid environment variable names.");
      }
    }
    for (EnvVar v : c.env()) {
      String value = v.value() == null ? "" : v.value();
      if (!value.isEmpty()) {
        value = Expansion.expand(value, n -> env.containsKey(n) ? env.get(n) : serviceEnv.get(n));
      } else if (v.valueFrom() != null) {
        String from = valueFrom(pod, c, v.valueFrom(), podIps, hostIp);
        if (from == null) {
          continue; // optional and absent
        }
        value = from;
      }
      env.put(v.name(), value);
    }
    for (var e : serviceEnv.entrySet()) {
      env.putIfAbsent(e.getKey(), e.getValue());
    }
    return env;
  }

  /** A valueFrom's value, or null when an optional source or key is absent. */
  private String valueFrom(
      Pod pod, Container c, EnvVarSource src, List<String> podIps, String hostIp) {
    String ns = pod.metadata().namespace();
    try {
      if (src.fieldRef() != null) {
        return DownwardApi.envField(pod, src.fieldRef().fieldPath(), podIps, hostIp);
      }
      if (src.resourceFieldRef() != null) {
        Container target = c;
        String cn = src.resourceFieldRef().containerName();
        if (cn != null && !cn.isEmpty()) {
          target = pod.spec().container(cn);
          if (target == null) {
            throw new ContainerConfigException(
                "container " + cn + " not found in pod " + pod.metadata().name());
          }
        }
        return DownwardApi.resourceField(target, src.resourceFieldRef(), allocatable);
      }
    } catch (IllegalArgumentException e) {
      throw new ContainerConfigException(e.getMessage());
    }
    if (src.configMapKeyRef() != null) {
      var ref = src.configMapKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.optional());
      Optional<ConfigMap> cm = sources.configMap(ref.name());
      if (cm.isEmpty()) {
        if (optional) {
          return null;
        }
        throw new ContainerConfigException(ConfigSources.configMapNotFound(ref.name()));
      }
      String v = cm.get().data().get(ref.key());
      if (v == null) {
        if (optional) {
          return null;
        }
        throw new ContainerConfigException(
            "couldn't find key " + ref.key() + " in ConfigMap " + ns + "/" + ref.name());
      }
      return v;
    }
    if (src.secretKeyRef() != null) {
      var ref = src.secretKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.optional());
      Optional<Secret> s = sources.secret(ref.name());
      if (s.isEmpty()) {
        if (optional) {
          return null;
        }
        throw new ContainerConfigException(ConfigSources.secretNotFound(ref.name()));
      }
      byte[] v = ConfigSources.secretData(s.get()).get(ref.key());
      if (v == null) {
        if (optional) {
          return null;
        }
        throw new ContainerConfigException(
            "couldn't find key " + ref.key() + " in Secret " + ns + "/" + ref.name());
      }
      return new String(v, StandardCharsets.UTF_8);
    }
    return "";
  }

  /**
   * The service variables kubelet injects: the {@code kubernetes} service of {@code default}
   * always, the pod namespace's services when {@code enableServiceLinks} (default true).
   */
  private Map<String, String> serviceEnv(Pod pod) {
    boolean links = !Boolean.FALSE.equals(pod.spec().enableServiceLinks());
    String ns = pod.metadata().namespace();
    Map<String, Service> byName = new TreeMap<>();
    if (links) {
      for (Service s :
          sources
              .client()
              .resources(Service.class)
              .inNamespace(ns)
              .list(ListOptions.none())
              .items()) {
        if (ipSet(s)) {
          byName.put(s.metadata().name(), s);
        }
      }
    }
    if (!byName.containsKey("kubernetes")) {
      try {
        Service master =
            sources
                .client()
                .resources(Service.class)
                .inNamespace(MASTER_NAMESPACE)
                .get("kubernetes");
        if (ipSet(master)) {
          byName.put("kubernetes", master);
        }
      } catch (dev.keelson.api.errors.NotFoundException e) {
        // no master service in this cluster
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (Service s : byName.values()) {
      List<ServicePort> ports = s.spec().ports();
      if (ports.isEmpty()) {
        continue;
      }
      String prefix = s.metadata().name().toUpperCase(Locale.ROOT).replace('-', '_');
      String ip = s.spec().clusterIP();
      env.put(prefix + "_SERVICE_HOST", ip);
      env.put(prefix + "_SERVICE_PORT", String.valueOf(ports.get(0).port()));
      for (ServicePort p : ports) {
        if (p.name() != null && !p.name().isEmpty()) {
          env.put(
              prefix + "_SERVICE_PORT_" + p.name().toUpperCase(Locale.ROOT).replace('-', '_'),
              String.valueOf(p.port()));
        }
      }
      for (int i = 0; i < ports.size(); i++) {
        ServicePort p = ports.get(i);
        String proto = p.protocol() == null || p.protocol().isEmpty() ? "TCP" : p.protocol();
        String lower = proto.toLowerCase(Locale.ROOT);
        String hostPort = (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + p.port();
        if (i == 0) {
          env.put(prefix + "_PORT", lower + "://" + hostPort);
        }
        String pp = prefix + "_PORT_" + p.port() + "_" + proto.toUpperCase(Locale.ROOT);
        env.put(pp, lower + "://" + hostPort);
        env.put(pp + "_PROTO", lower);
        env.put(pp + "_PORT", String.valueOf(p.port()));
        env.put(pp + "_ADDR", ip);
      }
    }
    return env;
  }

  private static boolean ipSet(Service s) {
    String ip = s.spec() == null ? null : s.spec().clusterIP();
    return ip != null && !ip.isEmpty() && !ip.equals("None");
  }
}
