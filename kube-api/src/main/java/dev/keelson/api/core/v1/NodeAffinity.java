package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Node affinity is a group of node affinity scheduling rules. */
@KubeModel
public record NodeAffinity(
    NodeSelector requiredDuringSchedulingIgnoredDuringExecution,
    List<PreferredSchedulingTerm> preferredDuringSchedulingIgnoredDuringExecution)
    implements NodeAffinityBuilder.With {
  public NodeAffinity {
    preferredDuringSchedulingIgnoredDuringExecution =
        Immutable.list(preferredDuringSchedulingIgnoredDuringExecution);
  }
}
