package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Contains enough information to let you locate the typed referenced object */
@KubeModel
public record TypedObjectReference(String apiGroup, String kind, String name, String namespace)
    implements TypedObjectReferenceBuilder.With {}
