package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;

/** The observed state of an ingress. */
@KubeModel
public record IngressStatus(IngressLoadBalancerStatus loadBalancer)
    implements IngressStatusBuilder.With {}
