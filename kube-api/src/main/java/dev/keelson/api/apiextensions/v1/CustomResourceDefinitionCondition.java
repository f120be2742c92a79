package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;
import java.time.Instant;

/**
 * A condition of a custom resource definition, such as {@code Established}.
 *
 * @param status {@code True}, {@code False} or {@code Unknown}
 */
@KubeModel
public record CustomResourceDefinitionCondition(
    String type,
    String status,
    Instant lastTransitionTime,
    String reason,
    String message,
    Long observedGeneration)
    implements CustomResourceDefinitionConditionBuilder.With {}
