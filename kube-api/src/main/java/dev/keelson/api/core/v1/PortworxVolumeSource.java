package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a Portworx volume resource. */
@KubeModel
public record PortworxVolumeSource(String volumeID, String fsType, Boolean readOnly)
    implements PortworxVolumeSourceBuilder.With {}
