package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** A collection of containers that can run on a host. */
@KubeModel
public record Pod(
    String apiVersion, String kind, ObjectMeta metadata, PodSpec spec, PodStatus status)
    implements KubernetesObject, PodBuilder.With {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Pod";

  public Pod {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public Pod withMetadata(ObjectMeta metadata) {
    return PodBuilder.With.super.withMetadata(metadata);
  }
}
