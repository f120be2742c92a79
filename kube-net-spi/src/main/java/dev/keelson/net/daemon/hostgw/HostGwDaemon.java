package dev.keelson.net.daemon.hostgw;

import dev.keelson.api.core.v1.Node;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.net.daemon.NodeNetworkContext;
import dev.keelson.net.daemon.NodeNetworkDaemon;
import dev.keelson.net.proxy.CommandRunner;
import dev.keelson.net.proxy.ProxyException;
import dev.keelson.net.proxy.SyncLoop;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code host-gw}: watches Nodes and routes each other node's pod CIDRs via its InternalIP. One
 * thread; a change marks the state dirty and the next sync (at most one per {@code minSyncPeriod})
 * writes only the differences from what it installed, as {@code route replace} / {@code route del}
 * lines to one {@code ip -force -batch -} (on a {@link SyncLoop}). Every {@code resyncPeriod}, and
 * after a failure, every route is replaced again, which repairs routes someone else removed. The
 * first sync waits until the Node informer has listed. Routes it never installed are not touched.
 */
public final class HostGwDaemon implements NodeNetworkDaemon {
  /** The command each sync runs, its input on stdin. */
  public static final List<String> COMMAND = List.of("ip", "-force", "-batch", "-");

  private static final Logger LOG = LoggerFactory.getLogger(HostGwDaemon.class);

  private final String self;
  private final SharedInformer<Node> nodes;
  private final CommandRunner commands;
  private final SyncLoop loop;
  private volatile Map<String, String> installed = Map.of();

  private HostGwDaemon(NodeNetworkContext context) {
    this.self = context.nodeName();
    this.nodes = context.informers().informer(Node.class);
    this.commands = context.commands();
    this.loop =
        SyncLoop.start(
            "host-gw-" + context.nodeName(),
            List.of(nodes),
            context.minSyncPeriod(),
            context.resyncPeriod(),
            this::sync);
  }

  /** Starts the daemon for {@code context}'s node. */
  public static HostGwDaemon start(NodeNetworkContext context) {
    return new HostGwDaemon(context);
  }

  /** The routes installed by the last sync, pod CIDR to gateway. */
  public Map<String, String> routes() {
    return installed;
  }

  @Override
  public long syncs() {
    return loop.syncs();
  }

  @Override
  public long failures() {
    return loop.failures();
  }

  /** One sync; whether it succeeded. */
  private boolean sync(boolean all) {
    Map<String, String> desired = HostGwRoutes.desired(self, nodes.indexer().list());
    String batch = HostGwRoutes.batch(installed, desired, all);
    if (batch.isEmpty()) {
      return true;
    }
    try {
      CommandRunner.Result r = commands.run(COMMAND, batch.getBytes(StandardCharsets.UTF_8));
      // What failed is retried by the full sync that follows a failure; routes it meant to
      // delete are forgotten either way.
      installed = Map.copyOf(new HashMap<>(desired));
      if (!r.ok()) {
        LOG.warn("host-gw: ip -batch failed (exit {}): {}", r.exitCode(), r.output().strip());
        return false;
      }
      return true;
    } catch (ProxyException e) {
      LOG.warn("host-gw: cannot run ip", e);
      return false;
    }
  }

  @Override
  public void close() {
    loop.close();
  }
}
