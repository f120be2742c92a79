package dev.keelson.node.spi;

import java.util.function.Consumer;

/**
 * An optional capability of a {@link ContainerRuntime} (CRI's {@code GetContainerEvents}, the
 * "evented PLEG"): the runtime tells the agent when a container changes state, so the agent need
 * not relist often. Events arrive on the runtime's thread (a timer thread for the simulated
 * runtime): handlers must not block.
 */
public interface ContainerEvents {
  /** Sends every container state change (the container's new status) to {@code handler}. */
  void onContainerEvent(Consumer<ContainerInfo> handler);
}
