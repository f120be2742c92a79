package dev.keelson.node.internal;

import java.nio.file.Path;

/**
 * One instance of a container of a pod on this node, as the node server needs it.
 *
 * @param containerId the runtime's id
 * @param logFile its CRI log file
 * @param current whether it is the current instance (not the previous one)
 */
public record ContainerHandle(String containerId, Path logFile, boolean current) {}
