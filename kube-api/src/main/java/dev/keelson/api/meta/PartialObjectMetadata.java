package dev.keelson.api.meta;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;

/** An object reduced to its type and metadata ({@code meta.k8s.io/v1 PartialObjectMetadata}). */
@KubeModel
public record PartialObjectMetadata(String apiVersion, String kind, ObjectMeta metadata)
    implements KubernetesObject, PartialObjectMetadataBuilder.With {
  public PartialObjectMetadata {
    apiVersion = apiVersion == null ? "meta.k8s.io/v1" : apiVersion;
    kind = kind == null ? "PartialObjectMetadata" : kind;
  }

  @Override
  public PartialObjectMetadata withMetadata(ObjectMeta metadata) {
    return PartialObjectMetadataBuilder.With.super.withMetadata(metadata);
  }
}
