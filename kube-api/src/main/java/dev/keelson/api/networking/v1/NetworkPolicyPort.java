package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.values.IntOrString;

/**
 * A port (or port range) a network policy rule allows.
 *
 * @param protocol {@code TCP} (the default), {@code UDP} or {@code SCTP}
 * @param port a port number or a named container port
 * @param endPort the end of a port range starting at {@code port}
 */
@KubeModel
public record NetworkPolicyPort(String protocol, IntOrString port, Integer endPort)
    implements NetworkPolicyPortBuilder.With {}
