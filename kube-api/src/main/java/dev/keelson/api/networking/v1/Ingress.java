package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** A collection of rules routing external HTTP(S) traffic to services. */
@KubeModel
public record Ingress(
    String apiVersion, String kind, ObjectMeta metadata, IngressSpec spec, IngressStatus status)
    implements KubernetesObject, IngressBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "networking.k8s.io/v1";

  /** The kind. */
  public static final String KIND = "Ingress";

  public Ingress {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public Ingress withMetadata(ObjectMeta metadata) {
    return IngressBuilder.With.super.withMetadata(metadata);
  }
}
