package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents the image-based volume status. */
@KubeModel
public record ImageVolumeStatus(String imageRef) implements ImageVolumeStatusBuilder.With {}
