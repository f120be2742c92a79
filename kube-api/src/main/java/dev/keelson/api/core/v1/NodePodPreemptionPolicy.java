package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Defines the node-level policies governing preemption for pods on this node. */
@KubeModel
public record NodePodPreemptionPolicy(List<String> disableResizePreemption)
    implements NodePodPreemptionPolicyBuilder.With {
  public NodePodPreemptionPolicy {
    disableResizePreemption = Immutable.list(disableResizePreemption);
  }
}
