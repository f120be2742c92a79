package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** AzureDisk represents an Azure Data Disk mount on the host and bind mount to the pod. */
@KubeModel
public record AzureDiskVolumeSource(
    String diskName,
    String diskURI,
    String cachingMode,
    String fsType,
    Boolean readOnly,
    String kind)
    implements AzureDiskVolumeSourceBuilder.With {}
