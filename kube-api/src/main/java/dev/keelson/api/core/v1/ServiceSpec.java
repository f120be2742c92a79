package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.internal.Named;
import dev.keelson.api.patch.PatchStrategy;
import java.util.List;
import java.util.Map;

/** Describes the attributes that a user creates on a service. */
@KubeModel
public record ServiceSpec(
    @PatchStrategy(merge = true, key = "port") List<ServicePort> ports,
    Map<String, String> selector,
    String clusterIP,
    List<String> clusterIPs,
    String type,
    List<String> externalIPs,
    String sessionAffinity,
    String loadBalancerIP,
    List<String> loadBalancerSourceRanges,
    String externalName,
    String externalTrafficPolicy,
    Integer healthCheckNodePort,
    Boolean publishNotReadyAddresses,
    SessionAffinityConfig sessionAffinityConfig,
    List<String> ipFamilies,
    String ipFamilyPolicy,
    Boolean allocateLoadBalancerNodePorts,
    String loadBalancerClass,
    String internalTrafficPolicy,
    String trafficDistribution)
    implements ServiceSpecBuilder.With {
  public ServiceSpec {
    ports = Immutable.list(ports);
    selector = Immutable.map(selector);
    clusterIPs = Immutable.list(clusterIPs);
    externalIPs = Immutable.list(externalIPs);
    loadBalancerSourceRanges = Immutable.list(loadBalancerSourceRanges);
    ipFamilies = Immutable.list(ipFamilies);
  }

  /** The named port, or {@code null}. */
  public ServicePort port(String name) {
    return Named.find(ports, ServicePort::name, name);
  }
}
