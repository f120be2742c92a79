package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents an NFS mount that lasts the lifetime of a pod. */
@KubeModel
public record NFSVolumeSource(String server, String path, Boolean readOnly)
    implements NFSVolumeSourceBuilder.With {}
