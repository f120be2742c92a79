package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/**
 * ContainerExtendedResourceRequest has the mapping of container name, extended resource name to the
 * device request name.
 */
@KubeModel
public record ContainerExtendedResourceRequest(
    String containerName, String resourceName, String requestName)
    implements ContainerExtendedResourceRequestBuilder.With {}
