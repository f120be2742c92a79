package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/**
 * Defines a specific action that should be taken in a lifecycle hook.
 *
 * @param tcpSocket deprecated in Kubernetes; kept so that objects round-trip
 */
@KubeModel
public record LifecycleHandler(
    ExecAction exec, HTTPGetAction httpGet, TCPSocketAction tcpSocket, SleepAction sleep)
    implements LifecycleHandlerBuilder.With {}
