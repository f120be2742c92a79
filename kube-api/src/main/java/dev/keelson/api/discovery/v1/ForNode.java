package dev.keelson.api.discovery.v1;

import dev.keelson.api.KubeModel;

/** A node an endpoint should serve. */
@KubeModel
public record ForNode(String name) implements ForNodeBuilder.With {}
