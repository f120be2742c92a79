package dev.keelson.node;

import dev.keelson.api.values.Quantity;
import dev.keelson.controller.time.Clock;
import dev.keelson.net.spi.PodNetwork;
import dev.keelson.node.spi.ContainerRuntime;
import dev.keelson.node.spi.NodeStats;
import dev.keelson.node.spi.Prober;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link NodeAgent} runs. Build one with {@link #builder(String)}; every timing has kubelet's
 * default.
 *
 * @param nodeName the Node's name (and its Lease's)
 * @param clock the clock of every timer: heartbeats, probes, backoff, grace periods
 * @param runtime the container runtime
 * @param network the pod network (null: the runtime if it is a {@link PodNetwork}, as the {@code
 *     cri} runtime is, else {@code host} on {@code hostIp})
 * @param prober runs probes (null: the runtime if it is a {@link Prober}, else exec probes through
 *     the runtime)
 * @param podSource where pods come from (null: a watch of this node's pods)
 * @param hostIp the node's InternalIP
 * @param capacity the node's capacity (cpu, memory, pods, ephemeral-storage)
 * @param allocatable what pods may use (the capacity when empty)
 * @param labels extra node labels (besides kubernetes.io/hostname, os, arch)
 * @param kubeletPort daemonEndpoints.kubeletEndpoint.Port
 * @param nodeStatusUpdateFrequency how often node status is computed (10 s)
 * @param nodeStatusReportFrequency how often it is posted when unchanged (5 min)
 * @param leaseDuration the Lease's leaseDurationSeconds (40 s)
 * @param leaseRenewInterval how often the Lease is renewed (10 s)
 * @param podResyncInterval how often each pod is synced without a change (10 s)
 * @param workers how many pods sync at once
 * @param rootDir the agent's directory (kubelet's {@code --root-dir}): pod volumes live under
 *     {@code <rootDir>/pods/<uid>/volumes/<plugin>/<name>}
 * @param clusterDns the cluster DNS servers given to ClusterFirst pods (kubelet's {@code
 *     clusterDNS}); empty: ClusterFirst pods fall back to Default, as kubelet does
 * @param clusterDomain the cluster's DNS domain ({@code cluster.local})
 * @param hostResolvConf the host's resolv.conf, the base of {@code Default} pods and the source of
 *     host search domains ({@code /etc/resolv.conf}; empty path: none)
 * @param nodeStats where pressure signals are read (null: simulated plentiful resources for the
 *     {@code simulated} runtime, the Linux readings otherwise)
 * @param evictionHard hard eviction thresholds by signal ({@code memory.available: 100Mi}, {@code
 *     nodefs.available: 10%}...), kubelet's defaults unless set
 * @param evictionPressureTransitionPeriod how long a pressure condition stays true after its signal
 *     went back under the threshold (5 min)
 * @param podLogsDirectory where pod log directories go ({@code <dir>/<ns>_<name>_<uid>}; kubelet's
 *     {@code podLogsRootDirectory}, {@code /var/log/pods})
 */
public record NodeAgentConfig(
    String nodeName,
    Clock clock,
    ContainerRuntime runtime,
    PodNetwork network,
    Prober prober,
    PodSource podSource,
    String hostIp,
    Map<String, Quantity> capacity,
    Map<String, Quantity> allocatable,
    Map<String, String> labels,
    int kubeletPort,
    Duration nodeStatusUpdateFrequency,
    Duration nodeStatusReportFrequency,
    Duration leaseDuration,
    Duration leaseRenewInterval,
    Duration podResyncInterval,
    int workers,
    Path rootDir,
    List<String> clusterDns,
    String clusterDomain,
    Path hostResolvConf,
    NodeStats nodeStats,
    Map<String, String> evictionHard,
    Duration evictionPressureTransitionPeriod,
    String podLogsDirectory) {

  /** Kubelet's default hard eviction thresholds (Linux). */
  public static final Map<String, String> DEFAULT_EVICTION_HARD =
      Map.of(
          "memory.available", "100Mi",
          "nodefs.available", "10%",
          "nodefs.inodesFree", "5%",
          "imagefs.available", "15%");

  /** Checks and copies. */
  public NodeAgentConfig {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(hostIp, "hostIp");
    capacity = Map.copyOf(capacity);
    allocatable = allocatable == null || allocatable.isEmpty() ? capacity : Map.copyOf(allocatable);
    labels = Map.copyOf(labels);
    Objects.requireNonNull(rootDir, "rootDir");
    clusterDns = List.copyOf(clusterDns);
    clusterDomain =
        clusterDomain == null || clusterDomain.isEmpty() ? "cluster.local" : clusterDomain;
    evictionHard = Map.copyOf(evictionHard);
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1");
    }
    podLogsDirectory =
        podLogsDirectory == null || podLogsDirectory.isEmpty() ? "/var/log/pods" : podLogsDirectory;
  }

  /** A builder for node {@code nodeName} with kubelet's defaults and the system clock. */
  public static Builder builder(String nodeName) {
    return new Builder(nodeName);
  }

  /** Builds a {@link NodeAgentConfig}. */
  public static final class Builder {
    private final String nodeName;
    private Clock clock = Clock.system();
    private ContainerRuntime runtime;
    private PodNetwork network;
    private Prober prober;
    private PodSource podSource;
    private String hostIp = "10.0.0.1";
    private final Map<String, Quantity> capacity = new LinkedHashMap<>();
    private final Map<String, Quantity> allocatable = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private int kubeletPort = 10250;
    private Duration nodeStatusUpdateFrequency = Duration.ofSeconds(10);
    private Duration nodeStatusReportFrequency = Duration.ofMinutes(5);
    private Duration leaseDuration = Duration.ofSeconds(40);
    private Duration leaseRenewInterval = Duration.ofSeconds(10);
    private Duration podResyncInterval = Duration.ofSeconds(10);
    private int workers = 2;
    private Path rootDir;
    private final List<String> clusterDns = new ArrayList<>();
    private String clusterDomain = "cluster.local";
    private Path hostResolvConf = Path.of("/etc/resolv.conf");
    private NodeStats nodeStats;
    private final Map<String, String> evictionHard = new LinkedHashMap<>(DEFAULT_EVICTION_HARD);
    private Duration evictionPressureTransitionPeriod = Duration.ofMinutes(5);
    private String podLogsDirectory = "/var/log/pods";

    private Builder(String nodeName) {
      this.nodeName = nodeName;
      capacity.put("cpu", Quantity.parse("4"));
      capacity.put("memory", Quantity.parse("8Gi"));
      capacity.put("pods", Quantity.parse("110"));
      capacity.put("ephemeral-storage", Quantity.parse("100Gi"));
    }

    /** The clock (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The container runtime (required). */
    public Builder runtime(ContainerRuntime runtime) {
      this.runtime = runtime;
      return this;
    }

    /** The pod network (default: {@code host}). */
    public Builder network(PodNetwork network) {
      this.network = network;
      return this;
    }

    /** The prober (default: the runtime's, or exec through the runtime). */
    public Builder prober(Prober prober) {
      this.prober = prober;
      return this;
    }

    /** The pod source (default: a watch of this node's pods). */
    public Builder podSource(PodSource podSource) {
      this.podSource = podSource;
      return this;
    }

    /** The node's InternalIP (default 10.0.0.1). */
    public Builder hostIp(String hostIp) {
      this.hostIp = hostIp;
      return this;
    }

    /** Sets one capacity entry (defaults: cpu 4, memory 8Gi, pods 110, ephemeral-storage 100Gi). */
    public Builder capacity(String resource, Quantity amount) {
      capacity.put(resource, amount);
      return this;
    }

    /** Sets one allocatable entry (allocatable defaults to the capacity). */
    public Builder allocatable(String resource, Quantity amount) {
      allocatable.put(resource, amount);
      return this;
    }

    /** Adds a node label. */
    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /** The kubelet port the Node advertises (default 10250). */
    public Builder kubeletPort(int port) {
      this.kubeletPort = port;
      return this;
    }

    /** How often node status is computed (default 10 s). */
    public Builder nodeStatusUpdateFrequency(Duration d) {
      this.nodeStatusUpdateFrequency = d;
      return this;
    }

    /** How often unchanged node status is posted anyway (default 5 min). */
    public Builder nodeStatusReportFrequency(Duration d) {
      this.nodeStatusReportFrequency = d;
      return this;
    }

    /** The Lease's duration (default 40 s). */
    public Builder leaseDuration(Duration d) {
      this.leaseDuration = d;
      return this;
    }

    /** How often the Lease is renewed (default 10 s). */
    public Builder leaseRenewInterval(Duration d) {
      this.leaseRenewInterval = d;
      return this;
    }

    /** How often each pod is synced when nothing happened (default 10 s). */
    public Builder podResyncInterval(Duration d) {
      this.podResyncInterval = d;
      return this;
    }

    /** How many pods sync at once (default 2). */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /**
     * The agent's directory for pod volumes and resolv.conf files (default: {@code
     * <java.io.tmpdir>/keelson-node/<nodeName>}; kubelet uses {@code /var/lib/kubelet}).
     */
    public Builder rootDir(Path rootDir) {
      this.rootDir = rootDir;
      return this;
    }

    /** Adds a cluster DNS server (kubelet's {@code clusterDNS}; none by default). */
    public Builder clusterDns(String server) {
      clusterDns.add(server);
      return this;
    }

    /** The cluster's DNS domain (default {@code cluster.local}). */
    public Builder clusterDomain(String domain) {
      this.clusterDomain = domain;
      return this;
    }

    /** The host's resolv.conf (default {@code /etc/resolv.conf}; an empty path for none). */
    public Builder hostResolvConf(Path file) {
      this.hostResolvConf = file;
      return this;
    }

    /** Where pressure signals are read (default: see {@link NodeAgentConfig#nodeStats()}). */
    public Builder nodeStats(NodeStats stats) {
      this.nodeStats = stats;
      return this;
    }

    /**
     * Sets one hard eviction threshold ({@code "memory.available", "100Mi"}, {@code
     * "pid.available", "5%"}); an empty threshold removes the signal's.
     */
    public Builder evictionHard(String signal, String threshold) {
      if (threshold == null || threshold.isEmpty()) {
        evictionHard.remove(signal);
      } else {
        evictionHard.put(signal, threshold);
      }
      return this;
    }

    /** How long pressure stays reported after it ended (default 5 min). */
    public Builder evictionPressureTransitionPeriod(Duration d) {
      this.evictionPressureTransitionPeriod = d;
      return this;
    }

    /** Where pod log directories go (default {@code /var/log/pods}). */
    public Builder podLogsDirectory(String dir) {
      this.podLogsDirectory = dir;
      return this;
    }

    /** The configuration. */
    public NodeAgentConfig build() {
      return new NodeAgentConfig(
          nodeName,
          clock,
          runtime,
          network,
          prober,
          podSource,
          hostIp,
          capacity,
          allocatable,
          labels,
          kubeletPort,
          nodeStatusUpdateFrequency,
          nodeStatusReportFrequency,
          leaseDuration,
          leaseRenewInterval,
          podResyncInterval,
          workers,
          rootDir != null
              ? rootDir
              : Path.of(System.getProperty("java.io.tmpdir"), "keelson-node", nodeName),
          clusterDns,
          clusterDomain,
          hostResolvConf,
          nodeStats,
          evictionHard,
          evictionPressureTransitionPeriod,
          podLogsDirectory);
    }
  }
}
