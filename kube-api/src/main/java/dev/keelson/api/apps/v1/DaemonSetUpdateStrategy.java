package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;

/**
 * How a daemon set updates its pods.
 *
 * @param type {@code RollingUpdate} (the default) or {@code OnDelete}
 */
@KubeModel
public record DaemonSetUpdateStrategy(String type, RollingUpdateDaemonSet rollingUpdate)
    implements DaemonSetUpdateStrategyBuilder.With {}
