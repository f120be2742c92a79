package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/**
 * PodResourceClaim references exactly one ResourceClaim, either directly or by naming a
 * ResourceClaimTemplate which is then turned into a ResourceClaim for the pod.
 */
@KubeModel
public record PodResourceClaim(
    String name, String resourceClaimName, String resourceClaimTemplateName)
    implements PodResourceClaimBuilder.With {}
