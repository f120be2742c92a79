package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** ConfigMapEnvSource selects a ConfigMap to populate the environment variables with. */
@KubeModel
public record ConfigMapEnvSource(String name, Boolean optional)
    implements ConfigMapEnvSourceBuilder.With {}
