package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** A tuple that describes a single port. */
@KubeModel
public record EndpointPort(String name, Integer port, String protocol, String appProtocol)
    implements EndpointPortBuilder.With {}
