package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** An empty preferred scheduling term matches all objects with implicit weight 0 (i.e. */
@KubeModel
public record PreferredSchedulingTerm(Integer weight, NodeSelectorTerm preference)
    implements PreferredSchedulingTermBuilder.With {}
