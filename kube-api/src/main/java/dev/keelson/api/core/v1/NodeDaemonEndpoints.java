package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** NodeDaemonEndpoints lists ports opened by daemons running on the Node. */
@KubeModel
public record NodeDaemonEndpoints(DaemonEndpoint kubeletEndpoint)
    implements NodeDaemonEndpointsBuilder.With {}
