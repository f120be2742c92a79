package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** VolumeDevice describes a mapping of a raw block device within a container. */
@KubeModel
public record VolumeDevice(String name, String devicePath) implements VolumeDeviceBuilder.With {}
