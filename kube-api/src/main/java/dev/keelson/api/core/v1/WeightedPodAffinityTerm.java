package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/**
 * The weights of all of the matched WeightedPodAffinityTerm fields are added per-node to find the
 * most preferred node(s)
 */
@KubeModel
public record WeightedPodAffinityTerm(Integer weight, PodAffinityTerm podAffinityTerm)
    implements WeightedPodAffinityTermBuilder.With {}
