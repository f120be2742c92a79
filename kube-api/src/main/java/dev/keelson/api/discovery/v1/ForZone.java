package dev.keelson.api.discovery.v1;

import dev.keelson.api.KubeModel;

/** A zone an endpoint should serve. */
@KubeModel
public record ForZone(String name) implements ForZoneBuilder.With {}
