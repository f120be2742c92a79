package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Contains the information to reference a ConfigMap as a config source for the Node. */
@KubeModel
public record ConfigMapNodeConfigSource(
    String namespace, String name, String uid, String resourceVersion, String kubeletConfigKey)
    implements ConfigMapNodeConfigSourceBuilder.With {}
