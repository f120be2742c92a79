package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents the error condition of a service port */
@KubeModel
public record PortStatus(Integer port, String protocol, String error)
    implements PortStatusBuilder.With {}
