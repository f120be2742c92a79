package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Defines a pod/container's seccomp profile settings. */
@KubeModel
public record SeccompProfile(String type, String localhostProfile)
    implements SeccompProfileBuilder.With {}
