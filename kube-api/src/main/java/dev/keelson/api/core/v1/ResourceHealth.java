package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents the health of a resource. */
@KubeModel
public record ResourceHealth(String resourceID, String health, String message)
    implements ResourceHealthBuilder.With {}
