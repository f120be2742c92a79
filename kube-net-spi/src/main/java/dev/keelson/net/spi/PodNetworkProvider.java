package dev.keelson.net.spi;

import java.util.Optional;

/**
 * Makes {@link PodNetwork}s; registered in {@code META-INF/services} and chosen by {@link #name()}
 * through {@link PodNetworks#load}.
 */
public interface PodNetworkProvider {
  /** The name configuration uses: {@code host}, {@code cni}. */
  String name();

  /** Why this provider cannot work on this machine, or empty if it can. */
  default Optional<String> unavailabilityReason() {
    return Optional.empty();
  }

  /** A pod network for one node. */
  PodNetwork create(PodNetworkContext context);
}
