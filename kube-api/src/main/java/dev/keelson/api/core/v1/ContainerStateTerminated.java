package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import java.time.Instant;

/** A terminated state of a container. */
@KubeModel
public record ContainerStateTerminated(
    Integer exitCode,
    Integer signal,
    String reason,
    String message,
    Instant startedAt,
    Instant finishedAt,
    String containerID)
    implements ContainerStateTerminatedBuilder.With {}
