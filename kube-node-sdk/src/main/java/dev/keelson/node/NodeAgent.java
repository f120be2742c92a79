package dev.keelson.node;

import dev.keelson.client.KubeClient;
import dev.keelson.net.spi.HostPodNetwork;
import dev.keelson.net.spi.PodNetwork;
import dev.keelson.node.internal.ExecProber;
import dev.keelson.node.internal.LinuxNodeStats;
import dev.keelson.node.internal.NetworkProber;
import dev.keelson.node.internal.NodeHeartbeat;
import dev.keelson.node.internal.NodeServer;
import dev.keelson.node.internal.PodWorkers;
import dev.keelson.node.simulated.SettableNodeStats;
import dev.keelson.node.simulated.SimulatedRuntime;
import dev.keelson.node.spi.ContainerRuntime;
import dev.keelson.node.spi.NodeStats;
import dev.keelson.node.spi.Prober;

/**
 * A node agent (kubelet) for one node. {@link #start} registers the Node (capacity, allocatable,
 * addresses, nodeInfo, kubelet port), creates its Lease in {@code kube-node-lease}, then keeps both
 * fresh on the configured clock, and runs the pods bound to the node on the configured runtime,
 * writing their status through {@code pods/status} as kubelet does. Deleted pods are stopped
 * gracefully (preStop, stop with the grace period) and their deletion is finalised with a grace-0
 * delete. With {@link NodeAgentConfig#serving()} set it also serves the node's HTTPS endpoint
 * (container logs, exec, attach) that the API server calls for {@code pods/log}, {@code pods/exec}
 * and {@code pods/attach}, and reports its port in the Node's status.
 *
 * <pre>{@code
 * NodeAgent agent = NodeAgent.start(client, NodeAgentConfig.builder("node-1")
 *     .runtime(ContainerRuntimes.load("simulated", new RuntimeContext("node-1", clock, "")))
 *     .clock(clock).build());
 * }</pre>
 */
public final class NodeAgent implements AutoCloseable {
  private final NodeAgentConfig config;
  private final NodeServer server;
  private final NodeHeartbeat heartbeat;
  private final PodWorkers workers;
  private final PodSource source;

  private NodeAgent(KubeClient client, NodeAgentConfig asked) {
    NodeAgentConfig config = asked;
    ContainerRuntime runtime = config.runtime();
    PodNetwork network =
        config.network() != null
            ? config.network()
            : runtime instanceof PodNetwork n ? n : new HostPodNetwork(config.hostIp());
    Prober prober =
        config.prober() != null
            ? config.prober()
            : runtime instanceof Prober p ? p : new NetworkProber(new ExecProber(runtime));
    NodeStats stats = config.nodeStats();
    if (stats == null) {
      stats =
          runtime instanceof SimulatedRuntime || !LinuxNodeStats.available()
              ? new SettableNodeStats()
              : new LinuxNodeStats(config.rootDir());
    }
    NodeHeartbeat[] hb = new NodeHeartbeat[1];
    this.workers =
        new PodWorkers(client, config, runtime, network, prober, () -> hb[0].currentPodCidr());
    if (config.serving() != null) {
      this.server = NodeServer.start(config, runtime, workers);
      config = config.withKubeletPort(server.port());
    } else {
      this.server = null;
    }
    this.config = config;
    this.heartbeat = new NodeHeartbeat(client, config, runtime, network, stats);
    hb[0] = heartbeat;
    this.source =
        config.podSource() != null
            ? config.podSource()
            : PodSources.watching(client, config.nodeName(), config.clock());
  }

  /**
   * Registers the node and starts the agent. Returns once the Node, its first status and its Lease
   * are written; pods start arriving from the source right after.
   *
   * @throws RuntimeException what registering threw (the API server unreachable, say); what the
   *     agent had started by then (its HTTPS endpoint) is closed first
   */
  public static NodeAgent start(KubeClient client, NodeAgentConfig config) {
    NodeAgent a = new NodeAgent(client, config);
    try {
      a.heartbeat.start();
      a.workers.start();
      a.source.start(a.workers);
    } catch (RuntimeException e) {
      try {
        a.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return a;
  }

  /** The node's name. */
  public String nodeName() {
    return config.nodeName();
  }

  /** The configuration. */
  public NodeAgentConfig config() {
    return config;
  }

  /**
   * The port of the node's HTTPS endpoint (the bound one when port 0 was asked), or -1 when it
   * serves none.
   */
  public int serverPort() {
    return server == null ? -1 : server.port();
  }

  /** How many pods the agent holds (running or being torn down). */
  public int podCount() {
    return workers.podCount();
  }

  /** The node's pod CIDR as last read from the API, empty while unassigned. */
  public String podCidr() {
    return heartbeat.podCidr();
  }

  /** How many times the Lease was written. */
  public long leaseRenewals() {
    return heartbeat.leaseRenewals();
  }

  /** The pod's directory on this node ({@code <rootDir>/pods/<uid>}: volumes, resolv.conf). */
  public java.nio.file.Path podDir(String uid) {
    return workers.podDir(uid);
  }

  /** How many times node status was posted. */
  public long statusPosts() {
    return heartbeat.statusPosts();
  }

  /** Stops watching and syncing; leaves the Node, Lease and containers as they are. */
  @Override
  public void close() {
    source.close();
    workers.close();
    heartbeat.close();
    if (server != null) {
      server.close();
    }
  }
}
