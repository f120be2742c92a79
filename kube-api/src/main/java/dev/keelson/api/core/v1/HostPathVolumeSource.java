package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a host path mapped into a pod. */
@KubeModel
public record HostPathVolumeSource(String path, String type)
    implements HostPathVolumeSourceBuilder.With {}
