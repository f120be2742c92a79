package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** A set of features implemented by the runtime handler. */
@KubeModel
public record NodeRuntimeHandlerFeatures(Boolean recursiveReadOnlyMounts, Boolean userNamespaces)
    implements NodeRuntimeHandlerFeaturesBuilder.With {}
