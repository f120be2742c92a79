package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Maps a string key to a path within a volume. */
@KubeModel
public record KeyToPath(String key, String path, Integer mode, Long user)
    implements KeyToPathBuilder.With {}
