package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.values.IntOrString;

/**
 * The limits of a stateful set's rolling update.
 *
 * @param partition ordinals at or above this are updated; lower ones keep the old revision
 * @param maxUnavailable pods that may be unavailable during the update (count or percentage)
 */
@KubeModel
public record RollingUpdateStatefulSetStrategy(Integer partition, IntOrString maxUnavailable)
    implements RollingUpdateStatefulSetStrategyBuilder.With {}
