package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Describes the set of features implemented by the CRI implementation. */
@KubeModel
public record NodeFeatures(Boolean supplementalGroupsPolicy) implements NodeFeaturesBuilder.With {}
