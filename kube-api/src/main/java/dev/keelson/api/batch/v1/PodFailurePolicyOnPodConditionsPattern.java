package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;

/** Matches a failed pod by a condition, such as {@code DisruptionTarget}. */
@KubeModel
public record PodFailurePolicyOnPodConditionsPattern(String type, String status)
    implements PodFailurePolicyOnPodConditionsPatternBuilder.With {}
