package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** A stateful set: pods with stable identities and storage, created and updated in order. */
@KubeModel
public record StatefulSet(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    StatefulSetSpec spec,
    StatefulSetStatus status)
    implements KubernetesObject, StatefulSetBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "apps/v1";

  /** The kind. */
  public static final String KIND = "StatefulSet";

  public StatefulSet {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public StatefulSet withMetadata(ObjectMeta metadata) {
    return StatefulSetBuilder.With.super.withMetadata(metadata);
  }
}
