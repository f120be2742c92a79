package dev.keelson.api.discovery.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.ObjectMeta;
import java.util.List;

/**
 * An endpoint slice: a subset of the endpoints of a service.
 *
 * @param addressType {@code IPv4}, {@code IPv6} or {@code FQDN}
 */
@KubeModel
public record EndpointSlice(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    String addressType,
    List<Endpoint> endpoints,
    List<EndpointPort> ports)
    implements KubernetesObject, EndpointSliceBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "discovery.k8s.io/v1";

  /** The kind. */
  public static final String KIND = "EndpointSlice";

  public EndpointSlice {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
    endpoints = Immutable.list(endpoints);
    ports = Immutable.list(ports);
  }

  @Override
  public EndpointSlice withMetadata(ObjectMeta metadata) {
    return EndpointSliceBuilder.With.super.withMetadata(metadata);
  }
}
