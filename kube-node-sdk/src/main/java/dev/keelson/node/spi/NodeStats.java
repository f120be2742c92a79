package dev.keelson.node.spi;

/**
 * Where the node agent reads the node's resource usage for its pressure conditions (kubelet's
 * summary API for the eviction manager). Implementations are thread-safe and fast: the agent reads
 * them every node status update.
 */
@FunctionalInterface
public interface NodeStats {
  /** The current reading. */
  NodeStatsSummary summary();
}
