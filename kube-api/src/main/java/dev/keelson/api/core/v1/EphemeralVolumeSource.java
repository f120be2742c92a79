package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents an ephemeral volume that is handled by a normal storage driver. */
@KubeModel
public record EphemeralVolumeSource(PersistentVolumeClaimTemplate volumeClaimTemplate)
    implements EphemeralVolumeSourceBuilder.With {}
