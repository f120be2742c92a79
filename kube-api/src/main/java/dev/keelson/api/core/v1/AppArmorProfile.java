package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Defines a pod or container's AppArmor settings. */
@KubeModel
public record AppArmorProfile(String type, String localhostProfile)
    implements AppArmorProfileBuilder.With {}
