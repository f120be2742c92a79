package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Represents the status object of ControllerModifyVolume operation */
@KubeModel
public record ModifyVolumeStatus(String targetVolumeAttributesClassName, String status)
    implements ModifyVolumeStatusBuilder.With {}
