package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Selects a key from a ConfigMap. */
@KubeModel
public record ConfigMapKeySelector(String name, String key, Boolean optional)
    implements ConfigMapKeySelectorBuilder.With {}
