package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/**
 * Describes actions that the management system should take in response to container lifecycle
 * events.
 */
@KubeModel
public record Lifecycle(LifecycleHandler postStart, LifecycleHandler preStop, String stopSignal)
    implements LifecycleBuilder.With {}
