package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** A replica set: keeps a number of identical pods running. */
@KubeModel
public record ReplicaSet(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    ReplicaSetSpec spec,
    ReplicaSetStatus status)
    implements KubernetesObject, ReplicaSetBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "apps/v1";

  /** The kind. */
  public static final String KIND = "ReplicaSet";

  public ReplicaSet {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public ReplicaSet withMetadata(ObjectMeta metadata) {
    return ReplicaSetBuilder.With.super.withMetadata(metadata);
  }
}
