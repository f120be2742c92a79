package dev.keelson.api.core.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keelson.api.KubeModel;

/**
 * Contains information about a single Daemon endpoint.
 *
 * @param port the port; capitalized {@code Port} in JSON, as in Kubernetes
 */
@KubeModel
public record DaemonEndpoint(@JsonProperty("Port") Integer port)
    implements DaemonEndpointBuilder.With {}
