package dev.keelson.net.spi;

import java.util.List;

/**
 * The result of {@link PodNetwork#setUp}: the pod's IPs, primary first (at most one per family).
 */
public record PodNetworkStatus(List<String> ips) {
  /** Copies the list. */
  public PodNetworkStatus {
    ips = List.copyOf(ips);
  }
}
