package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.Condition;
import dev.keelson.api.patch.PatchStrategy;
import java.util.List;

/** Represents the current status of a service. */
@KubeModel
public record ServiceStatus(
    LoadBalancerStatus loadBalancer,
    @PatchStrategy(merge = true, key = "type") List<Condition> conditions)
    implements ServiceStatusBuilder.With {
  public ServiceStatus {
    conditions = Immutable.list(conditions);
  }
}
