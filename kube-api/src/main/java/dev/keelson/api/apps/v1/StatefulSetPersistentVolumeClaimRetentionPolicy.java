package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;

/**
 * Whether a stateful set's claims are kept or deleted.
 *
 * @param whenDeleted {@code Retain} (the default) or {@code Delete}
 * @param whenScaled {@code Retain} (the default) or {@code Delete}
 */
@KubeModel
public record StatefulSetPersistentVolumeClaimRetentionPolicy(String whenDeleted, String whenScaled)
    implements StatefulSetPersistentVolumeClaimRetentionPolicyBuilder.With {}
