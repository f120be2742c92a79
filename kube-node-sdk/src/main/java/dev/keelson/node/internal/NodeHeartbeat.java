package dev.keelson.node.internal;

import dev.keelson.api.coordination.v1.Lease;
import dev.keelson.api.coordination.v1.LeaseSpec;
import dev.keelson.api.core.v1.DaemonEndpoint;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeAddress;
import dev.keelson.api.core.v1.NodeCondition;
import dev.keelson.api.core.v1.NodeDaemonEndpoints;
import dev.keelson.api.core.v1.NodeStatus;
import dev.keelson.api.core.v1.NodeStatusBuilder;
import dev.keelson.api.core.v1.NodeSystemInfo;
import dev.keelson.api.errors.AlreadyExistsException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.MicroTime;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.time.Clock;
import dev.keelson.net.spi.PodNetwork;
import dev.keelson.node.NodeAgentConfig;
import dev.keelson.node.spi.ContainerRuntime;
import dev.keelson.node.spi.NodeStats;
import dev.keelson.node.spi.RuntimeStatus;
import dev.keelson.node.spi.RuntimeVersion;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The node's side of the node lifecycle: registers the Node, renews its Lease in {@code
 * kube-node-lease} every {@code leaseRenewInterval}, computes node status every {@code
 * nodeStatusUpdateFrequency} and posts it when it changed or {@code nodeStatusReportFrequency} has
 * passed since the last post, as kubelet does with node leases. The pressure conditions come from
 * {@link PressureConditions} over the node's {@link NodeStats}.
 */
public final class NodeHeartbeat implements AutoCloseable {
  /** The namespace of node Leases. */
  public static final String LEASE_NAMESPACE = "kube-node-lease";

  /** The kubelet version the Node reports. */
  public static final String KUBELET_VERSION = "v1.32.0-keelson";

  private final NodeAgentConfig config;
  private final Clock clock;
  private final ContainerRuntime runtime;
  private final PodNetwork network;
  private final Resources<Node> nodes;
  private final Resources<Lease> leases;
  private final String bootId = UUID.randomUUID().toString();
  private final Periodic leaseLoop;
  private final Periodic statusLoop;
  private final PressureConditions pressure;
  private volatile Node node;
  private volatile Lease lease;
  private List<NodeCondition> lastPosted; // heartbeat times cleared; guarded by this
  private Instant lastPostAt = Instant.MIN; // guarded by this
  private volatile long leaseRenewals;
  private volatile long statusPosts;

  /** A heartbeat for the node in {@code config}. */
  public NodeHeartbeat(
      KubeClient client,
      NodeAgentConfig config,
      ContainerRuntime runtime,
      PodNetwork network,
      NodeStats stats) {
    this.config = config;
    this.pressure =
        new PressureConditions(
            stats,
            config.evictionHard(),
            config.clock(),
            config.evictionPressureTransitionPeriod());
    this.clock = config.clock();
    this.runtime = runtime;
    this.network = network;
    this.nodes = client.resources(Node.class);
    this.leases = client.resources(Lease.class).inNamespace(LEASE_NAMESPACE);
    this.leaseLoop =
        new Periodic(clock, config.leaseRenewInterval(), "lease " + config.nodeName(), this::renew);
    this.statusLoop =
        new Periodic(
            clock,
            config.nodeStatusUpdateFrequency(),
            "node status " + config.nodeName(),
            this::updateStatus);
  }

  /** Creates (or adopts) the Node, posts its first status and Lease, then starts the loops. */
  public void start() {
    register();
    updateStatus();
    renew();
    leaseLoop.start();
    statusLoop.start();
  }

  /** The Node as last read or written. */
  public Node node() {
    return node;
  }

  /** The node's pod CIDR as assigned in the API, empty while unassigned. */
  public String podCidr() {
    Node n = node;
    return n == null || n.spec() == null || n.spec().podCIDR() == null ? "" : n.spec().podCIDR();
  }

  /**
   * The pod CIDR for a pod being set up: while none is known, the Node is read again first (a pod
   * may arrive before the next status update would have learned the CIDR); empty if still
   * unassigned.
   */
  public String currentPodCidr() {
    String c = podCidr();
    if (c.isEmpty()) {
      try {
        node = nodes.get(config.nodeName());
      } catch (RuntimeException e) {
        return "";
      }
      c = podCidr();
    }
    return c;
  }

  /** How many times the Lease was written (created or renewed). */
  public long leaseRenewals() {
    return leaseRenewals;
  }

  /** How many times node status was posted. */
  public long statusPosts() {
    return statusPosts;
  }

  private void register() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("beta.kubernetes.io/arch", "amd64");
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("kubernetes.io/hostname", config.nodeName());
    labels.put("kubernetes.io/os", "linux");
    labels.putAll(config.labels());
    Node fresh =
        new Node(
            null,
            null,
            ObjectMeta.named(config.nodeName())
                .withLabels(labels)
                .withAnnotations(
                    Map.of(
                        "node.alpha.kubernetes.io/ttl", "0",
                        "volumes.kubernetes.io/controller-managed-attach-detach", "true")),
            null,
            null);
    try {
      node = nodes.create(fresh);
    } catch (AlreadyExistsException e) {
      Node existing = nodes.get(config.nodeName());
      Map<String, String> merged = new LinkedHashMap<>(existing.metadata().labels());
      merged.putAll(labels);
      if (!merged.equals(existing.metadata().labels())) {
        existing = nodes.update(existing.withMetadata(existing.metadata().withLabels(merged)));
      }
      node = existing;
    }
  }

  /** Computes node status and posts it if it changed or the report interval has passed. */
  void updateStatus() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<NodeCondition> conditions = conditions();
    if (podCidr().isEmpty()) {
      // Until the node has a pod CIDR, read the Node each period to learn it.
      node = nodes.get(config.nodeName());
    }
    synchronized (this) {
      boolean due =
          lastPosted == null
              || !lastPosted.equals(conditions)
              || !now.isBefore(lastPostAt.plus(config.nodeStatusReportFrequency()));
      if (!due) {
        return;
      }
    }
    for (int attempt = 0; ; attempt++) {
      Node current = nodes.get(config.nodeName());
      NodeStatus status = status(current, conditions, now);
      try {
        node = nodes.updateStatus(current.withStatus(status));
        break;
      } catch (ConflictException e) {
        if (attempt >= 3) {
          throw e;
        }
      }
    }
    statusPosts++;
    synchronized (this) {
      lastPosted = conditions;
      lastPostAt = now;
    }
  }

  private List<NodeCondition> conditions() {
    RuntimeStatus rs = runtime.status();
    String netReason = network.notReadyReason();
    String notReady = null;
    if (!rs.runtimeReady()) {
      notReady = "container runtime is down: " + rs.reason() + " " + rs.message();
    } else if (!rs.networkReady()) {
      notReady =
          "container runtime network not ready: NetworkReady=false reason:"
              + rs.reason()
              + " message:"
              + rs.message();
    } else if (netReason != null) {
      notReady = "network plugin not ready: " + netReason;
    }
    List<NodeCondition> out = new ArrayList<>(pressure.conditions());
    out.add(
        notReady == null
            ? cond("Ready", "True", "KubeletReady", "kubelet is posting ready status")
            : cond("Ready", "False", "KubeletNotReady", notReady));
    return out;
  }

  private static NodeCondition cond(String type, String status, String reason, String message) {
    return new NodeCondition(type, status, null, null, reason, message);
  }

  private NodeStatus status(Node current, List<NodeCondition> conditions, Instant now) {
    NodeStatus old = current.status();
    List<NodeCondition> stamped = new ArrayList<>(conditions.size());
    for (NodeCondition c : conditions) {
      NodeCondition prev = old == null ? null : old.condition(c.type());
      Instant transition =
          prev != null
                  && Objects.equals(prev.status(), c.status())
                  && prev.lastTransitionTime() != null
              ? prev.lastTransitionTime()
              : now;
      stamped.add(c.withLastHeartbeatTime(now).withLastTransitionTime(transition));
    }
    RuntimeVersion rv = runtime.version();
    NodeSystemInfo info =
        new NodeSystemInfo(
            machineId(),
            machineId(),
            bootId,
            System.getProperty("os.version", ""),
            "Keelson simulated node",
            rv.runtimeName() + "://" + rv.runtimeVersion(),
            KUBELET_VERSION,
            "",
            "linux",
            "amd64",
            null);
    NodeStatusBuilder b =
        old == null ? NodeStatusBuilder.builder() : NodeStatusBuilder.builder(old);
    return b.capacity(config.capacity())
        .allocatable(config.allocatable())
        .conditions(stamped)
        .addresses(
            List.of(
                new NodeAddress("InternalIP", config.hostIp()),
                new NodeAddress("Hostname", config.nodeName())))
        .daemonEndpoints(new NodeDaemonEndpoints(new DaemonEndpoint(config.kubeletPort())))
        .nodeInfo(info)
        .build();
  }

  private String machineId() {
    return UUID.nameUUIDFromBytes(
            config.nodeName().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString()
        .replace("-", "");
  }

  /** Creates the Lease or renews it. */
  void renew() {
    MicroTime now = MicroTime.of(clock.instant());
    Lease l = lease;
    for (int attempt = 0; attempt < 4; attempt++) {
      try {
        if (l == null) {
          try {
            l = leases.get(config.nodeName());
          } catch (NotFoundException e) {
            lease = leases.create(newLease(now));
            leaseRenewals++;
            return;
          }
        }
        lease =
            leases.update(
                l.withSpec(
                    l.spec()
                        .withHolderIdentity(config.nodeName())
                        .withLeaseDurationSeconds((int) config.leaseDuration().toSeconds())
                        .withRenewTime(now)));
        leaseRenewals++;
        return;
      } catch (ConflictException | NotFoundException e) {
        l = null;
      } catch (AlreadyExistsException e) {
        l = null;
      }
    }
  }

  private Lease newLease(MicroTime now) {
    Node n = node;
    ObjectMeta meta = ObjectMeta.named(LEASE_NAMESPACE, config.nodeName());
    if (n != null && n.metadata().uid() != null) {
      meta =
          meta.withOwnerReferences(
              List.of(
                  new OwnerReference(
                      "v1", "Node", config.nodeName(), n.metadata().uid(), null, null)));
    }
    return new Lease(
        null,
        null,
        meta,
        new LeaseSpec(
            config.nodeName(),
            (int) config.leaseDuration().toSeconds(),
            null,
            now,
            null,
            null,
            null));
  }

  /** The Lease as last written. */
  public Lease lease() {
    return lease;
  }

  @Override
  public void close() {
    leaseLoop.close();
    statusLoop.close();
  }
}
