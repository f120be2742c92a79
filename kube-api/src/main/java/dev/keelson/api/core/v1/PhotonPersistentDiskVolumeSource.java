package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a Photon Controller persistent disk resource. */
@KubeModel
public record PhotonPersistentDiskVolumeSource(String pdID, String fsType)
    implements PhotonPersistentDiskVolumeSourceBuilder.With {}
