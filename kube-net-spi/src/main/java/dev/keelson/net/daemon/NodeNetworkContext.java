package dev.keelson.net.daemon;

import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.net.proxy.CommandRunner;
import java.time.Duration;
import java.util.Objects;

/**
 * What a provider gets to run a daemon on one node.
 *
 * @param nodeName this node's name (its own Node is not routed to)
 * @param informers shared informers, started by the caller; the daemon watches Nodes through them
 * @param commands runs the data-plane commands ({@code ip}); {@link CommandRunner#local()} on a
 *     real node, {@link CommandRunner#inNetworkNamespace} for a node simulated in a namespace
 * @param minSyncPeriod the least time between two syncs (a burst of changes is one sync)
 * @param resyncPeriod the most time between two syncs; each resync re-applies every route
 * @param config provider-specific configuration, empty if none
 */
public record NodeNetworkContext(
    String nodeName,
    InformerFactory informers,
    CommandRunner commands,
    Duration minSyncPeriod,
    Duration resyncPeriod,
    String config) {
  /** Checks the fields. */
  public NodeNetworkContext {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(informers, "informers");
    Objects.requireNonNull(commands, "commands");
    Objects.requireNonNull(minSyncPeriod, "minSyncPeriod");
    Objects.requireNonNull(resyncPeriod, "resyncPeriod");
    if (minSyncPeriod.isNegative() || resyncPeriod.compareTo(minSyncPeriod) < 0) {
      throw new IllegalArgumentException("need 0 <= minSyncPeriod <= resyncPeriod");
    }
    config = config == null ? "" : config;
  }

  /** Local commands, 1 s between syncs at least and 10 s at most (flannel's route check). */
  public static NodeNetworkContext of(String nodeName, InformerFactory informers) {
    return new NodeNetworkContext(
        nodeName,
        informers,
        CommandRunner.local(),
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        "");
  }

  /** A copy with another command runner. */
  public NodeNetworkContext withCommands(CommandRunner runner) {
    return new NodeNetworkContext(nodeName, informers, runner, minSyncPeriod, resyncPeriod, config);
  }

  /** A copy with other sync periods. */
  public NodeNetworkContext withPeriods(Duration min, Duration resync) {
    return new NodeNetworkContext(nodeName, informers, commands, min, resync, config);
  }
}
