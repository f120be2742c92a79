package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.values.Quantity;

/** Represents container resources (cpu, memory) and their output format */
@KubeModel
public record ResourceFieldSelector(String containerName, String resource, Quantity divisor)
    implements ResourceFieldSelectorBuilder.With {}
