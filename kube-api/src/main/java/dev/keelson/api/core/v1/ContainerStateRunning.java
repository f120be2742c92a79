package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import java.time.Instant;

/** A running state of a container. */
@KubeModel
public record ContainerStateRunning(Instant startedAt)
    implements ContainerStateRunningBuilder.With {}
