package dev.keelson.net.proxy;

import dev.keelson.api.core.v1.ClientIPConfig;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.core.v1.ServiceBuilder;
import dev.keelson.api.core.v1.ServicePort;
import dev.keelson.api.core.v1.ServicePortBuilder;
import dev.keelson.api.core.v1.ServiceSpecBuilder;
import dev.keelson.api.core.v1.SessionAffinityConfig;
import dev.keelson.api.discovery.v1.Endpoint;
import dev.keelson.api.discovery.v1.EndpointBuilder;
import dev.keelson.api.discovery.v1.EndpointConditions;
import dev.keelson.api.discovery.v1.EndpointPort;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.api.discovery.v1.EndpointSliceBuilder;
import dev.keelson.api.meta.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;

/** Services and EndpointSlices for proxy tests. */
public final class ProxyFixtures {
  private ProxyFixtures() {}

  /** A ClusterIP (or NodePort, when a port has one) Service. */
  public static Service service(String ns, String name, String clusterIp, ServicePort... ports) {
    boolean nodePort = List.of(ports).stream().anyMatch(p -> p.nodePort() != null);
    return ServiceBuilder.builder()
        .metadata(ObjectMetaBuilder.builder().namespace(ns).name(name).build())
        .spec(
            ServiceSpecBuilder.builder()
                .type(nodePort ? "NodePort" : "ClusterIP")
                .clusterIP(clusterIp)
                .clusterIPs(List.of(clusterIp))
                .ports(List.of(ports))
                .build())
        .build();
  }

  /** {@code s} with ClientIP session affinity of {@code timeout} seconds. */
  public static Service withAffinity(Service s, int timeout) {
    return s.withSpec(
        s.spec()
            .withSessionAffinity("ClientIP")
            .withSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(timeout))));
  }

  /** A service port. */
  public static ServicePort port(String name, String protocol, int port, Integer nodePort) {
    return ServicePortBuilder.builder()
        .name(name)
        .protocol(protocol)
        .port(port)
        .nodePort(nodePort)
        .build();
  }

  /** An endpoint with the given conditions. */
  public static Endpoint endpoint(String ip, boolean ready, boolean serving, boolean terminating) {
    return EndpointBuilder.builder()
        .addresses(List.of(ip))
        .conditions(new EndpointConditions(ready, serving, terminating))
        .build();
  }

  /** A ready endpoint. */
  public static Endpoint ready(String ip) {
    return endpoint(ip, true, true, false);
  }

  /** An IPv4 slice of Service {@code service}. */
  public static EndpointSlice slice(
      String ns, String name, String service, List<Endpoint> endpoints, EndpointPort... ports) {
    return EndpointSliceBuilder.builder()
        .metadata(
            ObjectMetaBuilder.builder()
                .namespace(ns)
                .name(name)
                .labels(Map.of(ProxyState.SERVICE_NAME_LABEL, service))
                .build())
        .addressType("IPv4")
        .endpoints(endpoints)
        .ports(List.of(ports))
        .build();
  }

  /** A slice port. */
  public static EndpointPort slicePort(String name, String protocol, int port) {
    return new EndpointPort(name, protocol, port, null);
  }
}
