package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a Persistent Disk resource in AWS. */
@KubeModel
public record AWSElasticBlockStoreVolumeSource(
    String volumeID, String fsType, Integer partition, Boolean readOnly)
    implements AWSElasticBlockStoreVolumeSourceBuilder.With {}
