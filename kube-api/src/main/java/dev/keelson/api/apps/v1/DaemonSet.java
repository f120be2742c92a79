package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** A daemon set: one pod on every (selected) node. */
@KubeModel
public record DaemonSet(
    String apiVersion, String kind, ObjectMeta metadata, DaemonSetSpec spec, DaemonSetStatus status)
    implements KubernetesObject, DaemonSetBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "apps/v1";

  /** The kind. */
  public static final String KIND = "DaemonSet";

  public DaemonSet {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public DaemonSet withMetadata(ObjectMeta metadata) {
    return DaemonSetBuilder.With.super.withMetadata(metadata);
  }
}
