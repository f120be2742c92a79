package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * Represents the status of a load-balancer ingress point: traffic intended for the service should
 * be sent to an ingress point.
 */
@KubeModel
public record LoadBalancerIngress(String ip, String hostname, String ipMode, List<PortStatus> ports)
    implements LoadBalancerIngressBuilder.With {
  public LoadBalancerIngress {
    ports = Immutable.list(ports);
  }
}
