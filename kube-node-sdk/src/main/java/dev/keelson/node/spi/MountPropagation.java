package dev.keelson.node.spi;

/** CRI {@code MountPropagation}: how mounts propagate between the host and a container. */
public enum MountPropagation {
  /** No propagation ("rprivate"); the pod's {@code None}. */
  PROPAGATION_PRIVATE,
  /** Host mounts show up in the container ("rslave"); the pod's {@code HostToContainer}. */
  PROPAGATION_HOST_TO_CONTAINER,
  /** Both ways ("rshared"); the pod's {@code Bidirectional}. */
  PROPAGATION_BIDIRECTIONAL
}
