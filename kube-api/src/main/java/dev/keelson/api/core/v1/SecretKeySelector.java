package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** SecretKeySelector selects a key of a Secret. */
@KubeModel
public record SecretKeySelector(String name, String key, Boolean optional)
    implements SecretKeySelectorBuilder.With {}
