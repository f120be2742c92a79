package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** Namespace provides a scope for Names. */
@KubeModel
public record Namespace(
    String apiVersion, String kind, ObjectMeta metadata, NamespaceSpec spec, NamespaceStatus status)
    implements KubernetesObject, NamespaceBuilder.With {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Namespace";

  public Namespace {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public Namespace withMetadata(ObjectMeta metadata) {
    return NamespaceBuilder.With.super.withMetadata(metadata);
  }
}
