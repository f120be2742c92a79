package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents a Quobyte mount that lasts the lifetime of a pod. */
@KubeModel
public record QuobyteVolumeSource(
    String registry, String volume, Boolean readOnly, String user, String group, String tenant)
    implements QuobyteVolumeSourceBuilder.With {}
