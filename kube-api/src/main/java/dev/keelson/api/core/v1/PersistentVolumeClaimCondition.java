package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import java.time.Instant;

/** Contains details about state of pvc */
@KubeModel
public record PersistentVolumeClaimCondition(
    String type,
    String status,
    Instant lastProbeTime,
    Instant lastTransitionTime,
    String reason,
    String message)
    implements PersistentVolumeClaimConditionBuilder.With {}
