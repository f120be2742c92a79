package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** VolumeMountStatus shows status of volume mounts. */
@KubeModel
public record VolumeMountStatus(
    String name,
    String mountPath,
    Boolean readOnly,
    String recursiveReadOnly,
    VolumeStatus volumeStatus)
    implements VolumeMountStatusBuilder.With {}
