package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a source for the value of an EnvVar. */
@KubeModel
public record EnvVarSource(
    ObjectFieldSelector fieldRef,
    ResourceFieldSelector resourceFieldRef,
    ConfigMapKeySelector configMapKeyRef,
    SecretKeySelector secretKeyRef,
    FileKeySelector fileKeyRef)
    implements EnvVarSourceBuilder.With {}
