package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** Limits the total resources used by the objects of a namespace. */
@KubeModel
public record ResourceQuota(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    ResourceQuotaSpec spec,
    ResourceQuotaStatus status)
    implements KubernetesObject, ResourceQuotaBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "v1";

  /** The kind. */
  public static final String KIND = "ResourceQuota";

  public ResourceQuota {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public ResourceQuota withMetadata(ObjectMeta metadata) {
    return ResourceQuotaBuilder.With.super.withMetadata(metadata);
  }
}
