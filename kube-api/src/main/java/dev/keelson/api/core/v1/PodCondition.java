package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import java.time.Instant;

/** Contains details for the current condition of this pod. */
@KubeModel
public record PodCondition(
    String type,
    Long observedGeneration,
    String status,
    Instant lastProbeTime,
    Instant lastTransitionTime,
    String reason,
    String message)
    implements PodConditionBuilder.With {}
