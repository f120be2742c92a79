package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** Which traffic a set of pods may receive and send. */
@KubeModel
public record NetworkPolicy(
    String apiVersion, String kind, ObjectMeta metadata, NetworkPolicySpec spec)
    implements KubernetesObject, NetworkPolicyBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "networking.k8s.io/v1";

  /** The kind. */
  public static final String KIND = "NetworkPolicy";

  public NetworkPolicy {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public NetworkPolicy withMetadata(ObjectMeta metadata) {
    return NetworkPolicyBuilder.With.super.withMetadata(metadata);
  }
}
