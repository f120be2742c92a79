package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/**
 * Contains enough information to let you locate the referenced object inside the same namespace.
 */
@KubeModel
public record LocalObjectReference(String name) implements LocalObjectReferenceBuilder.With {}
