package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a volume that is populated with the contents of a git repository. */
@KubeModel
public record GitRepoVolumeSource(String repository, String revision, String directory)
    implements GitRepoVolumeSourceBuilder.With {}
