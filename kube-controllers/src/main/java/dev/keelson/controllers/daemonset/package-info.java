/**
 * The DaemonSet controller: one pod on every eligible node (nodeSelector, required node affinity,
 * taints against tolerations), pinned to its node by node affinity on {@code metadata.name}, and
 * replaced by RollingUpdate (maxUnavailable / maxSurge) or OnDelete.
 */
package dev.keelson.controllers.daemonset;
