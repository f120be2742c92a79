package dev.keelson.net.proxy;

import dev.keelson.api.core.v1.Service;
import dev.keelson.api.core.v1.ServicePort;
import dev.keelson.api.core.v1.ServiceSpec;
import dev.keelson.api.discovery.v1.Endpoint;
import dev.keelson.api.discovery.v1.EndpointConditions;
import dev.keelson.api.discovery.v1.EndpointPort;
import dev.keelson.api.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one IP family's data plane must do: the service ports with their endpoints, sorted by
 * name. Built from Services and EndpointSlices as kube-proxy reads them; backends only translate
 * it.
 *
 * @param family {@code IPv4} or {@code IPv6}
 * @param ports the proxied service ports, sorted by {@link ServicePortName#toString()}
 */
public record ProxyState(String family, List<ProxyServicePort> ports) {
  /** The label that ties an EndpointSlice to its Service. */
  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  /** Kubernetes' default ClientIP affinity timeout (3 hours). */
  public static final int DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10800;

  /** Checks and copies. */
  public ProxyState {
    if (!"IPv4".equals(family) && !"IPv6".equals(family)) {
      throw new IllegalArgumentException("family must be IPv4 or IPv6: " + family);
    }
    ports = List.copyOf(ports);
  }

  /** No services. */
  public static ProxyState empty(String family) {
    return new ProxyState(family, List.of());
  }

  /** The ports of the Service {@code ns/name}. */
  public List<ProxyServicePort> portsOf(String service) {
    return ports.stream().filter(p -> p.name().service().equals(service)).toList();
  }

  /**
   * The state for {@code family} from the cluster's Services and EndpointSlices. Services without a
   * cluster IP of that family (headless, ExternalName, single-stack of the other family) are left
   * out, as are slices of the other family.
   */
  public static ProxyState of(
      String family, Collection<Service> services, Collection<EndpointSlice> slices) {
    Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();
    for (EndpointSlice slice : slices) {
      String service =
          slice.metadata() == null ? null : slice.metadata().labels().get(SERVICE_NAME_LABEL);
      if (service != null && family.equals(slice.addressType())) {
        slicesByService
            .computeIfAbsent(slice.metadata().namespace() + "/" + service, k -> new ArrayList<>())
            .add(slice);
      }
    }
    List<ProxyServicePort> out = new ArrayList<>();
    for (Service service : services) {
      ServiceSpec spec = service.spec();
      if (spec == null || "ExternalName".equals(spec.type())) {
        continue;
      }
      String clusterIp = clusterIp(spec, family);
      if (clusterIp == null) {
        continue;
      }
      String ns = service.metadata().namespace();
      String name = service.metadata().name();
      List<EndpointSlice> own = slicesByService.getOrDefault(ns + "/" + name, List.of());
      int affinity = affinityTimeout(spec);
      boolean nodePorts = "NodePort".equals(spec.type()) || "LoadBalancer".equals(spec.type());
      for (ServicePort p : spec.ports()) {
        if (p.port() == null) {
          continue;
        }
        String protocol = p.protocol() == null ? "TCP" : p.protocol();
        String portName = p.name() == null ? "" : p.name();
        out.add(
            new ProxyServicePort(
                new ServicePortName(ns, name, portName),
                protocol,
                clusterIp,
                p.port(),
                nodePorts && p.nodePort() != null ? p.nodePort() : 0,
                affinity,
                endpoints(own, portName, protocol)));
      }
    }
    out.sort(Comparator.comparing(p -> p.name().toString()));
    return new ProxyState(family, out);
  }

  private static String clusterIp(ServiceSpec spec, String family) {
    List<String> ips = new ArrayList<>(spec.clusterIPs());
    if (ips.isEmpty() && spec.clusterIP() != null) {
      ips.add(spec.clusterIP());
    }
    for (String ip : ips) {
      if (ip == null || ip.isEmpty() || ip.equals("None")) {
        continue;
      }
      if ((ip.indexOf(':') >= 0) == family.equals("IPv6")) {
        return ip;
      }
    }
    return null;
  }

  private static int affinityTimeout(ServiceSpec spec) {
    if (!"ClientIP".equals(spec.sessionAffinity())) {
      return 0;
    }
    if (spec.sessionAffinityConfig() != null
        && spec.sessionAffinityConfig().clientIP() != null
        && spec.sessionAffinityConfig().clientIP().timeoutSeconds() != null) {
      return spec.sessionAffinityConfig().clientIP().timeoutSeconds();
    }
    return DEFAULT_AFFINITY_TIMEOUT_SECONDS;
  }

  /**
   * The endpoints of one port: ready ones; when none is ready, the serving terminating ones (so
   * that connections drain to pods still serving), as kube-proxy does. Deduplicated by address.
   */
  private static List<ProxyEndpoint> endpoints(
      List<EndpointSlice> slices, String portName, String protocol) {
    Map<String, ProxyEndpoint> all = new LinkedHashMap<>();
    for (EndpointSlice slice : slices) {
      Integer port = null;
      for (EndpointPort ep : slice.ports()) {
        String epName = ep.name() == null ? "" : ep.name();
        String epProtocol = ep.protocol() == null ? "TCP" : ep.protocol();
        if (epName.equals(portName) && epProtocol.equals(protocol)) {
          port = ep.port();
        }
      }
      if (port == null) {
        continue;
      }
      for (Endpoint e : slice.endpoints()) {
        if (e.addresses().isEmpty()) {
          continue;
        }
        EndpointConditions c = e.conditions();
        boolean ready = c == null || c.ready() == null || c.ready();
        boolean serving = c == null || c.serving() == null ? ready : c.serving();
        boolean terminating = c != null && Objects.equals(c.terminating(), Boolean.TRUE);
        ProxyEndpoint pe =
            new ProxyEndpoint(
                e.addresses().get(0), port, e.nodeName(), ready, serving, terminating);
        all.putIfAbsent(pe.address(), pe);
      }
    }
    List<ProxyEndpoint> ready = all.values().stream().filter(ProxyEndpoint::ready).toList();
    List<ProxyEndpoint> chosen =
        !ready.isEmpty()
            ? ready
            : all.values().stream().filter(e -> e.serving() && e.terminating()).toList();
    return chosen.stream().sorted(Comparator.comparing(ProxyEndpoint::address)).toList();
  }
}
