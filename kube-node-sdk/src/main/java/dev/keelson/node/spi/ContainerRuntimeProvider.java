package dev.keelson.node.spi;

import java.util.Optional;

/**
 * Makes {@link ContainerRuntime}s; registered in {@code META-INF/services}, chosen by {@link
 * #name()} through {@link ContainerRuntimes#provider}.
 */
public interface ContainerRuntimeProvider {
  /** The name configuration uses: {@code simulated}, {@code cri}. */
  String name();

  /** Why this runtime cannot work here (e.g. "no containerd socket"), or empty if it can. */
  default Optional<String> unavailabilityReason() {
    return Optional.empty();
  }

  /** A runtime for one node. */
  ContainerRuntime create(RuntimeContext context);
}
