package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.meta.ObjectMeta;

/** Used to produce PersistentVolumeClaim objects as part of an EphemeralVolumeSource. */
@KubeModel
public record PersistentVolumeClaimTemplate(ObjectMeta metadata, PersistentVolumeClaimSpec spec)
    implements PersistentVolumeClaimTemplateBuilder.With {}
