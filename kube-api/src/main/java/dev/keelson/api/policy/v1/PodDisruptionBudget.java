package dev.keelson.api.policy.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** Limits the voluntary disruption (eviction) of a set of pods. */
@KubeModel
public record PodDisruptionBudget(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    PodDisruptionBudgetSpec spec,
    PodDisruptionBudgetStatus status)
    implements KubernetesObject, PodDisruptionBudgetBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "policy/v1";

  /** The kind. */
  public static final String KIND = "PodDisruptionBudget";

  public PodDisruptionBudget {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public PodDisruptionBudget withMetadata(ObjectMeta metadata) {
    return PodDisruptionBudgetBuilder.With.super.withMetadata(metadata);
  }
}
