package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** A set of runtime handler information. */
@KubeModel
public record NodeRuntimeHandler(String name, NodeRuntimeHandlerFeatures features)
    implements NodeRuntimeHandlerBuilder.With {}
