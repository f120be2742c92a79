package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents the source of a set of ConfigMaps or Secrets */
@KubeModel
public record EnvFromSource(
    String prefix, ConfigMapEnvSource configMapRef, SecretEnvSource secretRef)
    implements EnvFromSourceBuilder.With {}
