package dev.keelson.net.daemon;

/**
 * Makes {@link NodeNetworkDaemon}s of one kind; registered in {@code
 * META-INF/services/dev.keelson.net.daemon.NodeNetworkProvider} and found by {@link #name()}.
 */
public interface NodeNetworkProvider {
  /** The daemon's name ({@code host-gw}, ...). */
  String name();

  /** Starts a daemon for one node (its informers may start before or after). */
  NodeNetworkDaemon start(NodeNetworkContext context);
}
