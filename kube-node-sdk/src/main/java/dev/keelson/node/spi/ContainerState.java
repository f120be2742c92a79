package dev.keelson.node.spi;

/** CRI {@code ContainerState}. */
public enum ContainerState {
  /** CONTAINER_CREATED. */
  CREATED,
  /** CONTAINER_RUNNING. */
  RUNNING,
  /** CONTAINER_EXITED. */
  EXITED,
  /** CONTAINER_UNKNOWN. */
  UNKNOWN
}
