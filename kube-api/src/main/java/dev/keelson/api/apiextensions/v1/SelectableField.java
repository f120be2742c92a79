package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;

/** A field of a custom resource that may be used in field selectors. */
@KubeModel
public record SelectableField(String jsonPath) implements SelectableFieldBuilder.With {}
