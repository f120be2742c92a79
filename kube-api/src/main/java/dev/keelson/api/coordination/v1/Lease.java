package dev.keelson.api.coordination.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** A lease: a lock with a holder and an expiry, used for leader election and node heartbeats. */
@KubeModel
public record Lease(String apiVersion, String kind, ObjectMeta metadata, LeaseSpec spec)
    implements KubernetesObject, LeaseBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "coordination.k8s.io/v1";

  /** The kind. */
  public static final String KIND = "Lease";

  public Lease {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public Lease withMetadata(ObjectMeta metadata) {
    return LeaseBuilder.With.super.withMetadata(metadata);
  }
}
