package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Describes a custom header to be used in HTTP probes */
@KubeModel
public record HTTPHeader(String name, String value) implements HTTPHeaderBuilder.With {}
