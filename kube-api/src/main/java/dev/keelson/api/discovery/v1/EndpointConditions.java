package dev.keelson.api.discovery.v1;

import dev.keelson.api.KubeModel;

/**
 * Whether an endpoint is ready, serving and terminating.
 *
 * @param ready whether to route new traffic to it (serving and not terminating)
 * @param serving whether it can serve traffic, regardless of terminating
 */
@KubeModel
public record EndpointConditions(Boolean ready, Boolean serving, Boolean terminating)
    implements EndpointConditionsBuilder.With {}
