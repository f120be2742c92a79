package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** A user's request for and claim to a persistent volume */
@KubeModel
public record PersistentVolumeClaim(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    PersistentVolumeClaimSpec spec,
    PersistentVolumeClaimStatus status)
    implements KubernetesObject, PersistentVolumeClaimBuilder.With {
  public static final String API_VERSION = "v1";
  public static final String KIND = "PersistentVolumeClaim";

  public PersistentVolumeClaim {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public PersistentVolumeClaim withMetadata(ObjectMeta metadata) {
    return PersistentVolumeClaimBuilder.With.super.withMetadata(metadata);
  }
}
