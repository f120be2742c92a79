package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a StorageOS persistent volume resource. */
@KubeModel
public record StorageOSVolumeSource(
    String volumeName,
    String volumeNamespace,
    String fsType,
    Boolean readOnly,
    LocalObjectReference secretRef)
    implements StorageOSVolumeSourceBuilder.With {}
