package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Defines the OS parameters of a pod. */
@KubeModel
public record PodOS(String name) implements PodOSBuilder.With {}
