package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents the configurations of session affinity. */
@KubeModel
public record SessionAffinityConfig(ClientIPConfig clientIP)
    implements SessionAffinityConfigBuilder.With {}
