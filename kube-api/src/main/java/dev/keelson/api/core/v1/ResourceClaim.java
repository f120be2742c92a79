package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** ResourceClaim references one entry in PodSpec.ResourceClaims. */
@KubeModel
public record ResourceClaim(String name, String request) implements ResourceClaimBuilder.With {}
