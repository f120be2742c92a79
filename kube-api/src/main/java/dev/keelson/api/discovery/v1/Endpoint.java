package dev.keelson.api.discovery.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.core.v1.ObjectReference;
import dev.keelson.api.internal.Immutable;
import java.util.List;
import java.util.Map;

/**
 * One endpoint of a slice: its addresses, readiness and location.
 *
 * @param addresses the endpoint's addresses (one, by convention)
 * @param targetRef the object (usually a pod) behind the endpoint
 * @param deprecatedTopology legacy topology labels, kept for v1beta1 compatibility
 * @param hints routing hints for topology-aware routing
 */
@KubeModel
public record Endpoint(
    List<String> addresses,
    EndpointConditions conditions,
    String hostname,
    ObjectReference targetRef,
    Map<String, String> deprecatedTopology,
    String nodeName,
    String zone,
    EndpointHints hints)
    implements EndpointBuilder.With {
  public Endpoint {
    addresses = Immutable.list(addresses);
    deprecatedTopology = Immutable.map(deprecatedTopology);
  }
}
