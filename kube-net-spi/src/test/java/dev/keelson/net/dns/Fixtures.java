package dev.keelson.net.dns;

import dev.keelson.api.core.v1.EndpointAddressBuilder;
import dev.keelson.api.core.v1.EndpointSubsetBuilder;
import dev.keelson.api.core.v1.Endpoints;
import dev.keelson.api.core.v1.EndpointsBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodBuilder;
import dev.keelson.api.core.v1.PodIP;
import dev.keelson.api.core.v1.PodStatusBuilder;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.core.v1.ServiceBuilder;
import dev.keelson.api.core.v1.ServicePort;
import dev.keelson.api.core.v1.ServicePortBuilder;
import dev.keelson.api.core.v1.ServiceSpecBuilder;
import dev.keelson.api.discovery.v1.Endpoint;
import dev.keelson.api.discovery.v1.EndpointBuilder;
import dev.keelson.api.discovery.v1.EndpointConditions;
import dev.keelson.api.discovery.v1.EndpointPort;
import dev.keelson.api.discovery.v1.EndpointPortBuilder;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.api.discovery.v1.EndpointSliceBuilder;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;

/** Test objects: Services, EndpointSlices, Endpoints and Pods. */
final class Fixtures {
  private Fixtures() {}

  static ObjectMeta meta(String ns, String name, Map<String, String> labels) {
    return ObjectMetaBuilder.builder().namespace(ns).name(name).labels(labels).build();
  }

  static ServicePort port(String name, String protocol, int port) {
    return ServicePortBuilder.builder().name(name).protocol(protocol).port(port).build();
  }

  static Service clusterIp(String ns, String name, List<String> ips, ServicePort... ports) {
    return ServiceBuilder.builder()
        .metadata(meta(ns, name, Map.of()))
        .spec(
            ServiceSpecBuilder.builder()
                .type("ClusterIP")
                .clusterIP(ips.get(0))
                .clusterIPs(ips)
                .ports(List.of(ports))
                .build())
        .build();
  }

  static Service headless(String ns, String name, ServicePort... ports) {
    return ServiceBuilder.builder()
        .metadata(meta(ns, name, Map.of()))
        .spec(
            ServiceSpecBuilder.builder()
                .type("ClusterIP")
                .clusterIP("None")
                .clusterIPs(List.of("None"))
                .ports(List.of(ports))
                .build())
        .build();
  }

  static Service externalName(String ns, String name, String target) {
    return ServiceBuilder.builder()
        .metadata(meta(ns, name, Map.of()))
        .spec(ServiceSpecBuilder.builder().type("ExternalName").externalName(target).build())
        .build();
  }

  static Endpoint endpoint(String ip, String hostname, boolean ready) {
    return EndpointBuilder.builder()
        .addresses(List.of(ip))
        .hostname(hostname)
        .conditions(new EndpointConditions(ready, ready, false))
        .build();
  }

  static EndpointPort slicePort(String name, String protocol, int port) {
    return EndpointPortBuilder.builder().name(name).protocol(protocol).port(port).build();
  }

  static EndpointSlice slice(
      String ns,
      String name,
      String service,
      String addressType,
      List<Endpoint> endpoints,
      EndpointPort... ports) {
    return EndpointSliceBuilder.builder()
        .metadata(meta(ns, name, Map.of(ClusterDnsView.SERVICE_NAME_LABEL, service)))
        .addressType(addressType)
        .endpoints(endpoints)
        .ports(List.of(ports))
        .build();
  }

  static Endpoints legacyEndpoints(String ns, String name, String ip, String hostname) {
    return EndpointsBuilder.builder()
        .metadata(meta(ns, name, Map.of()))
        .subsets(
            List.of(
                EndpointSubsetBuilder.builder()
                    .addresses(
                        List.of(EndpointAddressBuilder.builder().ip(ip).hostname(hostname).build()))
                    .build()))
        .build();
  }

  static Pod pod(String ns, String name, String ip) {
    return PodBuilder.builder()
        .metadata(meta(ns, name, Map.of()))
        .status(PodStatusBuilder.builder().podIP(ip).podIPs(List.of(new PodIP(ip))).build())
        .build();
  }
}
