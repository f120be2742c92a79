package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** The load balancer of an ingress. */
@KubeModel
public record IngressLoadBalancerStatus(List<IngressLoadBalancerIngress> ingress)
    implements IngressLoadBalancerStatusBuilder.With {
  public IngressLoadBalancerStatus {
    ingress = Immutable.list(ingress);
  }
}
