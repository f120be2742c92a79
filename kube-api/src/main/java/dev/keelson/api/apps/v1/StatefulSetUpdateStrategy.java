package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;

/**
 * How a stateful set updates its pods.
 *
 * @param type {@code RollingUpdate} (the default) or {@code OnDelete}
 */
@KubeModel
public record StatefulSetUpdateStrategy(String type, RollingUpdateStatefulSetStrategy rollingUpdate)
    implements StatefulSetUpdateStrategyBuilder.With {}
