package dev.keelson.net.daemon.hostgw;

import dev.keelson.net.daemon.NodeNetworkContext;
import dev.keelson.net.daemon.NodeNetworkDaemon;
import dev.keelson.net.daemon.NodeNetworkProvider;

/** Provides the {@code host-gw} daemon ({@link HostGwDaemon}). */
public final class HostGwProvider implements NodeNetworkProvider {
  /** The provider ServiceLoader instantiates. */
  public HostGwProvider() {}

  @Override
  public String name() {
    return "host-gw";
  }

  @Override
  public NodeNetworkDaemon start(NodeNetworkContext context) {
    return HostGwDaemon.start(context);
  }
}
