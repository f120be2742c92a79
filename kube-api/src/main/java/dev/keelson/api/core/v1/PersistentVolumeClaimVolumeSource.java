package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** PersistentVolumeClaimVolumeSource references the user's PVC in the same namespace. */
@KubeModel
public record PersistentVolumeClaimVolumeSource(String claimName, Boolean readOnly)
    implements PersistentVolumeClaimVolumeSourceBuilder.With {}
