package dev.keelson.net.daemon;

/**
 * A running node network daemon: it keeps this node's data plane in line with the cluster's Nodes
 * until closed. Closing stops it and leaves what it programmed in place (as flannel does on exit).
 */
public interface NodeNetworkDaemon extends AutoCloseable {
  /** How many syncs succeeded so far. */
  long syncs();

  /** How many syncs failed so far (each is retried). */
  long failures();

  /** Stops the daemon. */
  @Override
  void close();
}
