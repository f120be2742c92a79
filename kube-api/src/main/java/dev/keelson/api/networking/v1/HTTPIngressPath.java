package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;

/**
 * A path of an ingress rule and the backend it routes to.
 *
 * @param pathType {@code Exact}, {@code Prefix} or {@code ImplementationSpecific}; required
 */
@KubeModel
public record HTTPIngressPath(String path, String pathType, IngressBackend backend)
    implements HTTPIngressPathBuilder.With {}
