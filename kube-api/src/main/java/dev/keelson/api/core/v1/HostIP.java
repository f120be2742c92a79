package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a single IP address allocated to the host. */
@KubeModel
public record HostIP(String ip) implements HostIPBuilder.With {}
