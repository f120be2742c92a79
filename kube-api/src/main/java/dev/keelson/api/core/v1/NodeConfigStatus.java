package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Describes the status of the config assigned by Node.Spec.ConfigSource. */
@KubeModel
public record NodeConfigStatus(
    NodeConfigSource assigned,
    NodeConfigSource active,
    NodeConfigSource lastKnownGood,
    String error)
    implements NodeConfigStatusBuilder.With {}
