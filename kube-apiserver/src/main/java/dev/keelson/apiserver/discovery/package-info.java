/**
 * API discovery as kube-apiserver serves it: legacy ({@code APIVersions}, {@code APIGroupList},
 * {@code APIResourceList}) and aggregated ({@code apidiscovery.k8s.io/v2 APIGroupDiscoveryList}),
 * computed from a {@link dev.keelson.api.registry.ResourceRegistry} and cached until it changes.
 */
package dev.keelson.apiserver.discovery;
