package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Represents the status of a load-balancer. */
@KubeModel
public record LoadBalancerStatus(List<LoadBalancerIngress> ingress)
    implements LoadBalancerStatusBuilder.With {
  public LoadBalancerStatus {
    ingress = Immutable.list(ingress);
  }
}
