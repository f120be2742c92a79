package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.values.Quantity;

/** Describes mapped node allocatable resource allocations. */
@KubeModel
public record NodeAllocatableMappedResources(String name, Quantity quantity)
    implements NodeAllocatableMappedResourcesBuilder.With {}
