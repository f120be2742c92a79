package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a single IP address allocated to the pod. */
@KubeModel
public record PodIP(String ip) implements PodIPBuilder.With {}
