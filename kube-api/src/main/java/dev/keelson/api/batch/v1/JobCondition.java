package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;
import java.time.Instant;

/** A condition of a job, such as {@code Complete} or {@code Failed}. */
@KubeModel
public record JobCondition(
    String type,
    String status,
    Instant lastProbeTime,
    Instant lastTransitionTime,
    String reason,
    String message)
    implements JobConditionBuilder.With {}
