package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;

/**
 * The controller of an ingress class and its parameters.
 *
 * @param controller the name of the controller ({@code example.com/ingress-controller})
 */
@KubeModel
public record IngressClassSpec(String controller, IngressClassParametersReference parameters)
    implements IngressClassSpecBuilder.With {}
