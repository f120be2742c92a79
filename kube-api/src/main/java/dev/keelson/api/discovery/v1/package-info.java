/**
 * {@code discovery.k8s.io/v1}: {@link dev.keelson.api.discovery.v1.EndpointSlice}, the scalable
 * replacement of core/v1 Endpoints. Its lists carry no strategic-merge tags: a patch replaces them
 * whole.
 */
package dev.keelson.api.discovery.v1;
