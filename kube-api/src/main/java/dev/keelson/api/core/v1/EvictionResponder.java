package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** EvictionResponder allows you to specify the responder reacting to an Eviction. */
@KubeModel
public record EvictionResponder(String name, Integer priority)
    implements EvictionResponderBuilder.With {}
