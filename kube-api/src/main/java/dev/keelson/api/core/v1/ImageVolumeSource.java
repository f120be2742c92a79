package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a image volume resource. */
@KubeModel
public record ImageVolumeSource(String reference, String pullPolicy)
    implements ImageVolumeSourceBuilder.With {}
