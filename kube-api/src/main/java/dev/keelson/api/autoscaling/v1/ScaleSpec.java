package dev.keelson.api.autoscaling.v1;

import dev.keelson.api.KubeModel;

/** The desired number of replicas. */
@KubeModel
public record ScaleSpec(Integer replicas) implements ScaleSpecBuilder.With {}
