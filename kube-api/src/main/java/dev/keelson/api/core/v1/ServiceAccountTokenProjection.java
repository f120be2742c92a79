package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a projected service account token volume. */
@KubeModel
public record ServiceAccountTokenProjection(
    String audience, Long expirationSeconds, String path, Long user)
    implements ServiceAccountTokenProjectionBuilder.With {}
