package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.values.Quantity;
import java.util.List;
import java.util.Map;

/** Describes the compute resource requirements. */
@KubeModel
public record ResourceRequirements(
    Map<String, Quantity> limits, Map<String, Quantity> requests, List<ResourceClaim> claims)
    implements ResourceRequirementsBuilder.With {
  public ResourceRequirements {
    limits = Immutable.map(limits);
    requests = Immutable.map(requests);
    claims = Immutable.list(claims);
  }
}
