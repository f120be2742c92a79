package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** PodSchedulingGroup identifies the runtime scheduling group instance that a Pod belongs to. */
@KubeModel
public record PodSchedulingGroup(String podGroupName) implements PodSchedulingGroupBuilder.With {}
