package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents user identity information */
@KubeModel
public record ContainerUser(LinuxContainerUser linux) implements ContainerUserBuilder.With {}
