package dev.keelson.net.spi;

import java.util.Objects;

/**
 * What a provider gets to build a {@link PodNetwork} for one node.
 *
 * @param nodeName the node's name
 * @param hostIp the node's primary IP
 * @param config provider-specific configuration (for CNI: the conf directory), empty if none
 */
public record PodNetworkContext(String nodeName, String hostIp, String config) {
  /** Checks the fields. */
  public PodNetworkContext {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(hostIp, "hostIp");
    config = config == null ? "" : config;
  }
}
