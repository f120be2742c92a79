package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Pod affinity is a group of inter pod affinity scheduling rules. */
@KubeModel
public record PodAffinity(
    List<PodAffinityTerm> requiredDuringSchedulingIgnoredDuringExecution,
    List<WeightedPodAffinityTerm> preferredDuringSchedulingIgnoredDuringExecution)
    implements PodAffinityBuilder.With {
  public PodAffinity {
    requiredDuringSchedulingIgnoredDuringExecution =
        Immutable.list(requiredDuringSchedulingIgnoredDuringExecution);
    preferredDuringSchedulingIgnoredDuringExecution =
        Immutable.list(preferredDuringSchedulingIgnoredDuringExecution);
  }
}
