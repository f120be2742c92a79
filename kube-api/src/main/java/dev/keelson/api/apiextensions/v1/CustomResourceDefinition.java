package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/**
 * A custom resource definition: a new kind served by the API server ({@code
 * apiextensions.k8s.io/v1}).
 */
@KubeModel
public record CustomResourceDefinition(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    CustomResourceDefinitionSpec spec,
    CustomResourceDefinitionStatus status)
    implements KubernetesObject, CustomResourceDefinitionBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "apiextensions.k8s.io/v1";

  /** The kind. */
  public static final String KIND = "CustomResourceDefinition";

  public CustomResourceDefinition {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public CustomResourceDefinition withMetadata(ObjectMeta metadata) {
    return CustomResourceDefinitionBuilder.With.super.withMetadata(metadata);
  }
}
