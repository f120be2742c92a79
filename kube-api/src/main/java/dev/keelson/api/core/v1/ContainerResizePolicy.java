package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents resource resize policy for the container. */
@KubeModel
public record ContainerResizePolicy(String resourceName, String restartPolicy)
    implements ContainerResizePolicyBuilder.With {}
