package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a vSphere volume resource. */
@KubeModel
public record VsphereVirtualDiskVolumeSource(
    String volumePath, String fsType, String storagePolicyName, String storagePolicyID)
    implements VsphereVirtualDiskVolumeSourceBuilder.With {}
