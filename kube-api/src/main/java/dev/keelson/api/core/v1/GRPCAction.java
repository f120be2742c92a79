package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** GRPCAction specifies an action involving a GRPC service. */
@KubeModel
public record GRPCAction(Integer port, String service, String mode)
    implements GRPCActionBuilder.With {}
