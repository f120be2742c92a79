package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a cinder volume resource in Openstack. */
@KubeModel
public record CinderVolumeSource(
    String volumeID, String fsType, Boolean readOnly, LocalObjectReference secretRef)
    implements CinderVolumeSourceBuilder.With {}
