package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;

/**
 * How a deployment replaces old pods with new ones.
 *
 * @param type {@code RollingUpdate} (the default) or {@code Recreate}
 */
@KubeModel
public record DeploymentStrategy(String type, RollingUpdateDeployment rollingUpdate)
    implements DeploymentStrategyBuilder.With {}
