package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** Describes a template for creating copies of a predefined pod. */
@KubeModel
public record PodTemplate(
    String apiVersion, String kind, ObjectMeta metadata, PodTemplateSpec template)
    implements KubernetesObject, PodTemplateBuilder.With {
  public static final String API_VERSION = "v1";
  public static final String KIND = "PodTemplate";

  public PodTemplate {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public PodTemplate withMetadata(ObjectMeta metadata) {
    return PodTemplateBuilder.With.super.withMetadata(metadata);
  }
}
