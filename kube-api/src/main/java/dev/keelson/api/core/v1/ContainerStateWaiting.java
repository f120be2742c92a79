package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** A waiting state of a container. */
@KubeModel
public record ContainerStateWaiting(String reason, String message)
    implements ContainerStateWaitingBuilder.With {}
