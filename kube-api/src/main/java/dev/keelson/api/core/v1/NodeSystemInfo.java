package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/**
 * A set of ids/uuids to uniquely identify the node.
 *
 * @param kubeProxyVersion deprecated in Kubernetes; kept so that objects round-trip
 */
@KubeModel
public record NodeSystemInfo(
    String machineID,
    String systemUUID,
    String bootID,
    String kernelVersion,
    String osImage,
    String containerRuntimeVersion,
    String kubeletVersion,
    String kubeProxyVersion,
    String operatingSystem,
    String architecture,
    NodeSwapStatus swap)
    implements NodeSystemInfoBuilder.With {}
