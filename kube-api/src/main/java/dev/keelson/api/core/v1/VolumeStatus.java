package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents the status of a mounted volume. */
@KubeModel
public record VolumeStatus(ImageVolumeStatus image) implements VolumeStatusBuilder.With {}
