package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import java.time.Instant;
import java.util.List;

/**
 * Contains health information for a volume used by a pod, reported by the CSI node plugin via the
 * kubelet.
 */
@KubeModel
public record PodVolumeHealth(
    String name,
    @PatchStrategy(merge = true, key = "status") List<VolumeHealthCondition> healthConditions,
    Instant lastTransitionTime)
    implements PodVolumeHealthBuilder.With {
  public PodVolumeHealth {
    healthConditions = Immutable.list(healthConditions);
  }
}
