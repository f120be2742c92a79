package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Defines DNS resolver options of a pod. */
@KubeModel
public record PodDNSConfigOption(String name, String value)
    implements PodDNSConfigOptionBuilder.With {}
