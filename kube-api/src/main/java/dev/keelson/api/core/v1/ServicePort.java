package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.values.IntOrString;

/**
 * Contains information on service's port.
 *
 * @param targetPort a port number or the name of a container port
 */
@KubeModel
public record ServicePort(
    String name,
    String protocol,
    String appProtocol,
    Integer port,
    IntOrString targetPort,
    Integer nodePort)
    implements ServicePortBuilder.With {}
