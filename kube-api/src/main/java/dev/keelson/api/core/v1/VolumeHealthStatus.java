package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import java.time.Instant;
import java.util.List;

/** Contains health information for a volume reported by the CSI controller plugin. */
@KubeModel
public record VolumeHealthStatus(
    @PatchStrategy(merge = true, key = "status") List<VolumeHealthCondition> healthConditions,
    Instant lastTransitionTime)
    implements VolumeHealthStatusBuilder.With {
  public VolumeHealthStatus {
    healthConditions = Immutable.list(healthConditions);
  }
}
