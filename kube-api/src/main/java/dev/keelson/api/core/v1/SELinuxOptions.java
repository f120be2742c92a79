package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** The labels to be applied to the container */
@KubeModel
public record SELinuxOptions(String user, String role, String type, String level)
    implements SELinuxOptionsBuilder.With {}
