package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents an adverse health condition reported for a volume. */
@KubeModel
public record VolumeHealthCondition(String status, String reason, String message)
    implements VolumeHealthConditionBuilder.With {}
