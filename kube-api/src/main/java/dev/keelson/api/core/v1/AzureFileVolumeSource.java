package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** AzureFile represents an Azure File Service mount on the host and bind mount to the pod. */
@KubeModel
public record AzureFileVolumeSource(String secretName, String shareName, Boolean readOnly)
    implements AzureFileVolumeSourceBuilder.With {}
