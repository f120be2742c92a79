package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** Per-object resource constraints and defaults in a namespace. */
@KubeModel
public record LimitRange(String apiVersion, String kind, ObjectMeta metadata, LimitRangeSpec spec)
    implements KubernetesObject, LimitRangeBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "v1";

  /** The kind. */
  public static final String KIND = "LimitRange";

  public LimitRange {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public LimitRange withMetadata(ObjectMeta metadata) {
    return LimitRangeBuilder.With.super.withMetadata(metadata);
  }
}
