package dev.keelson.api.discovery.v1;

import dev.keelson.api.KubeModel;

/**
 * A port of the endpoints of a slice.
 *
 * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
 * @param appProtocol the application protocol, e.g. {@code kubernetes.io/h2c}
 */
@KubeModel
public record EndpointPort(String name, String protocol, Integer port, String appProtocol)
    implements EndpointPortBuilder.With {}
