package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.values.IntOrString;

/**
 * The limits of a rolling update: a count or a percentage such as {@code 25%}.
 *
 * @param maxUnavailable pods that may be unavailable during the update
 * @param maxSurge pods that may be created above the desired count
 */
@KubeModel
public record RollingUpdateDeployment(IntOrString maxUnavailable, IntOrString maxSurge)
    implements RollingUpdateDeploymentBuilder.With {}
