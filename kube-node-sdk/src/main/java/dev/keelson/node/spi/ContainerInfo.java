package dev.keelson.node.spi;

import java.time.Instant;

/**
 * CRI {@code ContainerStatus}.
 *
 * @param id the container id
 * @param sandboxId its sandbox
 * @param name its name in the pod
 * @param attempt its restart count when created
 * @param state created, running or exited
 * @param createdAt when created
 * @param startedAt when it started, null before
 * @param finishedAt when it exited, null before
 * @param exitCode its exit code once exited
 * @param image the image as asked for
 * @param imageRef the resolved image id (kubelet's {@code imageID})
 * @param reason why it exited ({@code Completed}, {@code Error}, {@code OOMKilled}), empty if not
 * @param message details, e.g. the termination message
 */
public record ContainerInfo(
    String id,
    String sandboxId,
    String name,
    int attempt,
    ContainerState state,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    int exitCode,
    String image,
    String imageRef,
    String reason,
    String message) {}
