package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;

/**
 * The state of one port of an ingress point.
 *
 * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
 */
@KubeModel
public record IngressPortStatus(Integer port, String protocol, String error)
    implements IngressPortStatusBuilder.With {}
