package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a persistent ScaleIO volume */
@KubeModel
public record ScaleIOVolumeSource(
    String gateway,
    String system,
    LocalObjectReference secretRef,
    Boolean sslEnabled,
    String protectionDomain,
    String storagePool,
    String storageMode,
    String volumeName,
    String fsType,
    Boolean readOnly)
    implements ScaleIOVolumeSourceBuilder.With {}
