package dev.keelson.api.meta;

import dev.keelson.api.KubeModel;
import java.time.Instant;

/**
 * The standard condition of {@code metav1.Condition}, used by newer APIs and custom resources.
 *
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param observedGeneration the {@code metadata.generation} the condition was computed from
 */
@KubeModel
public record Condition(
    String type,
    String status,
    Long observedGeneration,
    Instant lastTransitionTime,
    String reason,
    String message)
    implements ConditionBuilder.With {}
