package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Stored in the PodStatus for the extended resource requests backed by DRA. */
@KubeModel
public record PodExtendedResourceClaimStatus(
    List<ContainerExtendedResourceRequest> requestMappings, String resourceClaimName)
    implements PodExtendedResourceClaimStatusBuilder.With {
  public PodExtendedResourceClaimStatus {
    requestMappings = Immutable.list(requestMappings);
  }
}
