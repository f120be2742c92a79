package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a Persistent Disk resource in Google Compute Engine. */
@KubeModel
public record GCEPersistentDiskVolumeSource(
    String pdName, String fsType, Integer partition, Boolean readOnly)
    implements GCEPersistentDiskVolumeSourceBuilder.With {}
