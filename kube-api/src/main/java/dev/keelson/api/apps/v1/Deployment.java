package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** A deployment: declarative updates of a replicated, stateless set of pods through ReplicaSets. */
@KubeModel
public record Deployment(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    DeploymentSpec spec,
    DeploymentStatus status)
    implements KubernetesObject, DeploymentBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "apps/v1";

  /** The kind. */
  public static final String KIND = "Deployment";

  public Deployment {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public Deployment withMetadata(ObjectMeta metadata) {
    return DeploymentBuilder.With.super.withMetadata(metadata);
  }
}
