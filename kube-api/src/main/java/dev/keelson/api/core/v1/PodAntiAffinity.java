package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Pod anti affinity is a group of inter pod anti affinity scheduling rules. */
@KubeModel
public record PodAntiAffinity(
    List<PodAffinityTerm> requiredDuringSchedulingIgnoredDuringExecution,
    List<WeightedPodAffinityTerm> preferredDuringSchedulingIgnoredDuringExecution)
    implements PodAntiAffinityBuilder.With {
  public PodAntiAffinity {
    requiredDuringSchedulingIgnoredDuringExecution =
        Immutable.list(requiredDuringSchedulingIgnoredDuringExecution);
    preferredDuringSchedulingIgnoredDuringExecution =
        Immutable.list(preferredDuringSchedulingIgnoredDuringExecution);
  }
}
