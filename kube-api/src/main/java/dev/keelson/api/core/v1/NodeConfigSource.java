package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** NodeConfigSource specifies a source of node configuration. */
@KubeModel
public record NodeConfigSource(ConfigMapNodeConfigSource configMap)
    implements NodeConfigSourceBuilder.With {}
