package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents information to create the file containing the pod field */
@KubeModel
public record DownwardAPIVolumeFile(
    String path,
    ObjectFieldSelector fieldRef,
    ResourceFieldSelector resourceFieldRef,
    Integer mode,
    Long user)
    implements DownwardAPIVolumeFileBuilder.With {}
