package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Associated to a Pod to guard its scheduling. */
@KubeModel
public record PodSchedulingGate(String name) implements PodSchedulingGateBuilder.With {}
