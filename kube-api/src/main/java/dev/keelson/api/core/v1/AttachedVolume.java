package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Describes a volume attached to a node */
@KubeModel
public record AttachedVolume(String name, String devicePath)
    implements AttachedVolumeBuilder.With {}
