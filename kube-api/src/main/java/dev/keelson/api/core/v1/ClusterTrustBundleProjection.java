package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.meta.LabelSelector;

/**
 * Describes how to select a set of ClusterTrustBundle objects and project their contents into the
 * pod filesystem.
 */
@KubeModel
public record ClusterTrustBundleProjection(
    String name,
    String signerName,
    LabelSelector labelSelector,
    Boolean optional,
    String path,
    Long user)
    implements ClusterTrustBundleProjectionBuilder.With {}
