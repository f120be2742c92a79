package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import java.util.List;

/**
 * Describes the attributes that a node is created with.
 *
 * @param configSource deprecated in Kubernetes; kept so that objects round-trip
 * @param externalID deprecated in Kubernetes; kept so that objects round-trip
 */
@KubeModel
public record NodeSpec(
    String podCIDR,
    @PatchStrategy(merge = true) List<String> podCIDRs,
    String providerID,
    Boolean unschedulable,
    List<Taint> taints,
    NodeConfigSource configSource,
    String externalID,
    NodePodPreemptionPolicy podPreemptionPolicy)
    implements NodeSpecBuilder.With {
  public NodeSpec {
    podCIDRs = Immutable.list(podCIDRs);
    taints = Immutable.list(taints);
  }
}
