package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Defines a kernel parameter to be set */
@KubeModel
public record Sysctl(String name, String value) implements SysctlBuilder.With {}
