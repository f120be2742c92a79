package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.values.Quantity;

/** Represents an empty directory for a pod. */
@KubeModel
public record EmptyDirVolumeSource(String medium, Quantity sizeLimit, Integer mode)
    implements EmptyDirVolumeSourceBuilder.With {}
