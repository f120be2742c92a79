/**
 * {@code networking.k8s.io/v1}: {@link dev.keelson.api.networking.v1.Ingress} (HTTP routing to
 * services), {@link dev.keelson.api.networking.v1.IngressClass} (which controller implements an
 * ingress) and {@link dev.keelson.api.networking.v1.NetworkPolicy} (which traffic pods may receive
 * and send). Go's {@code IngressRule} inlines {@code IngressRuleValue}: here {@link
 * dev.keelson.api.networking.v1.IngressRule} holds its {@code http} field directly.
 */
package dev.keelson.api.networking.v1;
