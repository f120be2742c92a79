package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** One ingress point of an ingress' load balancer. */
@KubeModel
public record IngressLoadBalancerIngress(String ip, String hostname, List<IngressPortStatus> ports)
    implements IngressLoadBalancerIngressBuilder.With {
  public IngressLoadBalancerIngress {
    ports = Immutable.list(ports);
  }
}
