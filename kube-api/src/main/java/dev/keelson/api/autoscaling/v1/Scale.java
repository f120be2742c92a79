package dev.keelson.api.autoscaling.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** The {@code /scale} subresource of a scalable resource: desired and observed replicas. */
@KubeModel
public record Scale(
    String apiVersion, String kind, ObjectMeta metadata, ScaleSpec spec, ScaleStatus status)
    implements KubernetesObject, ScaleBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "autoscaling/v1";

  /** The kind. */
  public static final String KIND = "Scale";

  public Scale {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public Scale withMetadata(ObjectMeta metadata) {
    return ScaleBuilder.With.super.withMetadata(metadata);
  }
}
