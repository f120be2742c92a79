package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a network port in a single container. */
@KubeModel
public record ContainerPort(
    String name, Integer hostPort, Integer containerPort, String protocol, String hostIP)
    implements ContainerPortBuilder.With {}
