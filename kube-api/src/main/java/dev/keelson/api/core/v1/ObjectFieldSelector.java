package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** ObjectFieldSelector selects an APIVersioned field of an object. */
@KubeModel
public record ObjectFieldSelector(String apiVersion, String fieldPath)
    implements ObjectFieldSelectorBuilder.With {}
