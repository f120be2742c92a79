package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/**
 * A named abstraction of software service (for example, mysql) consisting of local port (for
 * example 3306) that the proxy listens on, and the selector that determines which pods will answer
 * requests sent through the proxy.
 */
@KubeModel
public record Service(
    String apiVersion, String kind, ObjectMeta metadata, ServiceSpec spec, ServiceStatus status)
    implements KubernetesObject, ServiceBuilder.With {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Service";

  public Service {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public Service withMetadata(ObjectMeta metadata) {
    return ServiceBuilder.With.super.withMetadata(metadata);
  }
}
