package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** A kind of ingress and the controller that implements it. */
@KubeModel
public record IngressClass(
    String apiVersion, String kind, ObjectMeta metadata, IngressClassSpec spec)
    implements KubernetesObject, IngressClassBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "networking.k8s.io/v1";

  /** The kind. */
  public static final String KIND = "IngressClass";

  public IngressClass {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public IngressClass withMetadata(ObjectMeta metadata) {
    return IngressClassBuilder.With.super.withMetadata(metadata);
  }
}
