package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.ObjectMeta;
import java.util.List;

/** A collection of endpoints that implement the actual service. */
@KubeModel
public record Endpoints(
    String apiVersion, String kind, ObjectMeta metadata, List<EndpointSubset> subsets)
    implements KubernetesObject, EndpointsBuilder.With {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Endpoints";

  public Endpoints {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
    subsets = Immutable.list(subsets);
  }

  @Override
  public Endpoints withMetadata(ObjectMeta metadata) {
    return EndpointsBuilder.With.super.withMetadata(metadata);
  }
}
