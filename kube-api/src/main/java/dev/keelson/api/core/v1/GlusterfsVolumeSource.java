package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a Glusterfs mount that lasts the lifetime of a pod. */
@KubeModel
public record GlusterfsVolumeSource(String endpoints, String path, Boolean readOnly)
    implements GlusterfsVolumeSourceBuilder.With {}
