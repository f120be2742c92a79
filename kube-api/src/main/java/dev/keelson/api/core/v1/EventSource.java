package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Contains information for an event. */
@KubeModel
public record EventSource(String component, String host) implements EventSourceBuilder.With {}
