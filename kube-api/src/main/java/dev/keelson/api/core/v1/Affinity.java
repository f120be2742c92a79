package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** A group of affinity scheduling rules. */
@KubeModel
public record Affinity(
    NodeAffinity nodeAffinity, PodAffinity podAffinity, PodAntiAffinity podAntiAffinity)
    implements AffinityBuilder.With {}
