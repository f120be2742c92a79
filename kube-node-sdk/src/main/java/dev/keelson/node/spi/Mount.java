package dev.keelson.node.spi;

import java.util.Objects;

/**
 * CRI {@code Mount}: a host path bind-mounted into a container. A volumeMount's {@code subPath} is
 * already resolved into {@link #hostPath} (CRI has no sub-path field); {@link #subPath} keeps it
 * for runtimes and tests that want to know.
 *
 * @param containerPath where it appears in the container
 * @param hostPath the path on the host
 * @param readonly mounted read-only
 * @param selinuxRelabel whether the runtime should relabel it for SELinux
 * @param propagation the mount propagation
 * @param subPath the volumeMount's subPath (already part of {@code hostPath}), empty if none
 */
public record Mount(
    String containerPath,
    String hostPath,
    boolean readonly,
    boolean selinuxRelabel,
    MountPropagation propagation,
    String subPath) {
  /** Checks the paths. */
  public Mount {
    Objects.requireNonNull(containerPath, "containerPath");
    Objects.requireNonNull(hostPath, "hostPath");
    propagation = propagation == null ? MountPropagation.PROPAGATION_PRIVATE : propagation;
    subPath = subPath == null ? "" : subPath;
  }
}
