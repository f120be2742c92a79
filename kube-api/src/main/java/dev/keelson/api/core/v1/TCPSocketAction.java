package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.values.IntOrString;

/**
 * Describes an action based on opening a socket
 *
 * @param port a port number or the name of a container port
 */
@KubeModel
public record TCPSocketAction(IntOrString port, String host)
    implements TCPSocketActionBuilder.With {}
