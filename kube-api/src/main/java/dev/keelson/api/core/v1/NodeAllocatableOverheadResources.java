package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.values.Quantity;

/** Describes auxiliary overhead resource allocations. */
@KubeModel
public record NodeAllocatableOverheadResources(String name, Quantity perPod, Quantity perContainer)
    implements NodeAllocatableOverheadResourcesBuilder.With {}
