package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** SecretEnvSource selects a Secret to populate the environment variables with. */
@KubeModel
public record SecretEnvSource(String name, Boolean optional)
    implements SecretEnvSourceBuilder.With {}
