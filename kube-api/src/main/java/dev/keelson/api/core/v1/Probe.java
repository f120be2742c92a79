package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/**
 * Describes a health check to be performed against a container to determine whether it is alive or
 * ready to receive traffic.
 */
@KubeModel
public record Probe(
    ExecAction exec,
    HTTPGetAction httpGet,
    TCPSocketAction tcpSocket,
    GRPCAction grpc,
    Integer initialDelaySeconds,
    Integer timeoutSeconds,
    Integer periodSeconds,
    Integer successThreshold,
    Integer failureThreshold,
    Long terminationGracePeriodSeconds)
    implements ProbeBuilder.With {}
