package dev.keelson.node.internal;

import java.nio.file.Path;

/**
 * A pod volume set up on the node.
 *
 * @param name the volume's name in the pod
 * @param plugin kubelet's plugin name ({@code kubernetes.io~configmap}, {@code
 *     kubernetes.io~host-path}...)
 * @param hostPath where it is on the host
 * @param apiData a configMap, secret, downwardAPI or projected volume: always mounted read-only
 * @param medium the emptyDir medium ({@code Memory} is kept on disk here), empty otherwise
 */
record MountedVolume(String name, String plugin, Path hostPath, boolean apiData, String medium) {}
