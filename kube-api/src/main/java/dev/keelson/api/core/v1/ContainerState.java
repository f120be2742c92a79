package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Holds a possible state of container. */
@KubeModel
public record ContainerState(
    ContainerStateWaiting waiting,
    ContainerStateRunning running,
    ContainerStateTerminated terminated)
    implements ContainerStateBuilder.With {}
