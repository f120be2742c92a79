package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import java.util.List;

/** Describes the status of node allocatable resources allocated via DRA. */
@KubeModel
public record NodeAllocatableResourceClaimStatus(
    String resourceClaimName,
    List<String> containers,
    @PatchStrategy(merge = true, key = "name") List<NodeAllocatableMappedResources> mapping,
    @PatchStrategy(merge = true, key = "name") List<NodeAllocatableOverheadResources> overhead)
    implements NodeAllocatableResourceClaimStatusBuilder.With {
  public NodeAllocatableResourceClaimStatus {
    containers = Immutable.list(containers);
    mapping = Immutable.list(mapping);
    overhead = Immutable.list(overhead);
  }
}
