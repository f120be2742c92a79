package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/**
 * Contains enough information to let you locate the typed referenced object inside the same
 * namespace.
 */
@KubeModel
public record TypedLocalObjectReference(String apiGroup, String kind, String name)
    implements TypedLocalObjectReferenceBuilder.With {}
