package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Stored in the PodStatus for each PodResourceClaim which references a ResourceClaimTemplate. */
@KubeModel
public record PodResourceClaimStatus(String name, String resourceClaimName)
    implements PodResourceClaimStatusBuilder.With {}
