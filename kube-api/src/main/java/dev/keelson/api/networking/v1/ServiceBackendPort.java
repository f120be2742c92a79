package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;

/** A service port, by name or by number (exactly one). */
@KubeModel
public record ServiceBackendPort(String name, Integer number)
    implements ServiceBackendPortBuilder.With {}
