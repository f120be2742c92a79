package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;

/** A service of the ingress' namespace as a backend. */
@KubeModel
public record IngressServiceBackend(String name, ServiceBackendPort port)
    implements IngressServiceBackendBuilder.With {}
