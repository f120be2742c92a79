package dev.keelson.api.meta;

import dev.keelson.api.KubeModel;

/** Conditions a delete requires of the object's current state. */
@KubeModel
public record Preconditions(String uid, String resourceVersion)
    implements PreconditionsBuilder.With {}
