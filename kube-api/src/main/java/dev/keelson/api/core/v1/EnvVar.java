package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents an environment variable present in a Container. */
@KubeModel
public record EnvVar(String name, String value, EnvVarSource valueFrom)
    implements EnvVarBuilder.With {}
