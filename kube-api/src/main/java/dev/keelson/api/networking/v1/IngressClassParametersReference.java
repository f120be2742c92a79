package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;

/**
 * A reference to a resource holding an ingress class' parameters.
 *
 * @param scope {@code Cluster} (the default) or {@code Namespace}
 * @param namespace the namespace of the parameters when the scope is {@code Namespace}
 */
@KubeModel
public record IngressClassParametersReference(
    String apiGroup, String kind, String name, String scope, String namespace)
    implements IngressClassParametersReferenceBuilder.With {}
