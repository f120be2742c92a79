package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a Flocker volume mounted by the Flocker agent. */
@KubeModel
public record FlockerVolumeSource(String datasetName, String datasetUUID)
    implements FlockerVolumeSourceBuilder.With {}
