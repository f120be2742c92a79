package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.core.v1.TypedLocalObjectReference;

/** Where an ingress sends traffic: a service port or another resource (exactly one). */
@KubeModel
public record IngressBackend(IngressServiceBackend service, TypedLocalObjectReference resource)
    implements IngressBackendBuilder.With {}
