package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents swap memory information. */
@KubeModel
public record NodeSwapStatus(Long capacity) implements NodeSwapStatusBuilder.With {}
