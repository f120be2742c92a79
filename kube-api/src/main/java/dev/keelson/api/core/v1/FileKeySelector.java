package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** FileKeySelector selects a key of the env file. */
@KubeModel
public record FileKeySelector(String volumeName, String path, String key, Boolean optional)
    implements FileKeySelectorBuilder.With {}
