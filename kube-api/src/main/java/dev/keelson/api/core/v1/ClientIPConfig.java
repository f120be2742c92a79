package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents the configurations of Client IP based session affinity. */
@KubeModel
public record ClientIPConfig(Integer timeoutSeconds) implements ClientIPConfigBuilder.With {}
