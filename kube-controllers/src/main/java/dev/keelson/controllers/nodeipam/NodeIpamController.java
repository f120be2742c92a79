package dev.keelson.controllers.nodeipam;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.client.KubeClient;
import dev.keelson.client.PatchType;
import dev.keelson.controller.events.KubeEventRecorder;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-controller-manager's node IPAM with the range allocator: every Node without pod CIDRs gets
 * one subnet of each cluster CIDR ({@code spec.podCIDRs}, primary also in {@code spec.podCIDR}).
 *
 * <ul>
 *   <li>Before handing out anything, the subnets of every existing Node are marked taken, so
 *       allocations survive a restart of the controller (its state is rebuilt from the Nodes).
 *   <li>A deleted Node's subnets are freed.
 *   <li>When a cluster CIDR is exhausted the Node gets a Normal event {@code CIDRNotAvailable}
 *       ("Node X status is now: CIDRNotAvailable") and is retried with backoff; like the range
 *       allocator, no {@code NetworkUnavailable} condition is set (only cloud allocators do that).
 * </ul>
 */
public final class NodeIpamController implements AutoCloseable {
  /** The event reason when a cluster CIDR has no free subnet. */
  public static final String CIDR_NOT_AVAILABLE = "CIDRNotAvailable";

  /** The event reason when writing a Node's CIDRs failed. */
  public static final String CIDR_ASSIGNMENT_FAILED = "CIDRAssignmentFailed";

  private static final Logger log = LoggerFactory.getLogger(NodeIpamController.class);

  private final KubeClient client;
  private final List<CidrSet> sets = new ArrayList<>();
  private final SharedInformer<Node> nodes;
  private final KubeEventRecorder events;
  private final Controller controller;
  private final Map<String, List<String>> assigned = new HashMap<>(); // guarded by this
  private boolean rebuilt; // guarded by this

  /** A controller with {@link NodeIpamConfig#defaults()}. */
  public NodeIpamController(KubeClient client, InformerFactory informers, Clock clock) {
    this(client, informers, clock, NodeIpamConfig.defaults());
  }

  /**
   * A controller handing out subnets of {@code config}.
   *
   * @throws IllegalArgumentException for malformed CIDRs, masks that do not fit, or two CIDRs of
   *     one family
   */
  public NodeIpamController(
      KubeClient client, InformerFactory informers, Clock clock, NodeIpamConfig config) {
    this.client = Objects.requireNonNull(client, "client");
    for (String cidr : config.clusterCidrs()) {
      boolean v6 = cidr.indexOf(':') >= 0;
      sets.add(new CidrSet(cidr, v6 ? config.nodeMaskIpv6() : config.nodeMaskIpv4()));
    }
    if (sets.size() == 2 && sets.get(0).isIpv6() == sets.get(1).isIpv6()) {
      throw new IllegalArgumentException(
          "dual-stack needs one IPv4 and one IPv6 cluster CIDR: " + config.clusterCidrs());
    }
    this.nodes = informers.informer(Node.class);
    this.events = KubeEventRecorder.builder(client, "node-controller").clock(clock).build();
    this.controller =
        Controller.builder("nodeipam", this::reconcile).forResource(nodes).clock(clock).build();
  }

  /** Starts watching and allocating (the Node informer starts too). */
  public void start() {
    controller.start();
    nodes.start();
  }

  /** Whether the informer has synced and the worker runs. */
  public boolean hasSynced() {
    return controller.hasSynced();
  }

  /** The cluster ranges with their usage (for diagnostics and tests). */
  public List<CidrSet> ranges() {
    return List.copyOf(sets);
  }

  /** Stops allocating (the shared informer stays with its factory). */
  @Override
  public void close() {
    controller.close();
    events.close();
  }

  private synchronized void rebuildOnce() {
    if (rebuilt) {
      return;
    }
    for (Node n : nodes.indexer().list()) {
      occupy(n);
    }
    rebuilt = true;
  }

  private synchronized void occupy(Node node) {
    List<String> cidrs = podCidrs(node);
    if (cidrs.isEmpty() || cidrs.equals(assigned.get(node.metadata().name()))) {
      return;
    }
    for (String cidr : cidrs) {
      boolean taken = false;
      for (CidrSet s : sets) {
        taken |= s.occupy(cidr);
      }
      if (!taken) {
        log.warn("node {}: pod CIDR {} is outside the cluster CIDRs", node.metadata().name(), cidr);
      }
    }
    assigned.put(node.metadata().name(), cidrs);
  }

  private synchronized void release(String node) {
    List<String> cidrs = assigned.remove(node);
    if (cidrs == null) {
      return;
    }
    for (String cidr : cidrs) {
      for (CidrSet s : sets) {
        s.release(cidr);
      }
    }
  }

  private static List<String> podCidrs(Node node) {
    if (node.spec() == null) {
      return List.of();
    }
    if (!node.spec().podCIDRs().isEmpty()) {
      return node.spec().podCIDRs();
    }
    String one = node.spec().podCIDR();
    return one == null || one.isEmpty() ? List.of() : List.of(one);
  }

  private Result reconcile(Request r) {
    rebuildOnce();
    Node node = nodes.indexer().get("", r.name()).orElse(null);
    if (node == null || node.metadata().isBeingDeleted()) {
      release(r.name());
      return Result.done();
    }
    if (!podCidrs(node).isEmpty()) {
      occupy(node);
      return Result.done();
    }
    List<String> cidrs = new ArrayList<>();
    synchronized (this) {
      if (assigned.containsKey(r.name())) {
        return Result.done(); // our patch is not in the cache yet; its event queues the node again
      }
      for (CidrSet s : sets) {
        Optional<String> next = s.allocateNext();
        if (next.isEmpty()) {
          for (int i = 0; i < cidrs.size(); i++) {
            sets.get(i).release(cidrs.get(i));
          }
          events.normal(
              node,
              CIDR_NOT_AVAILABLE,
              "Node " + r.name() + " status is now: " + CIDR_NOT_AVAILABLE);
          log.warn("node {}: no free pod CIDR in {}", r.name(), s.cidr());
          return Result.requeueWithBackoff();
        }
        cidrs.add(next.get());
      }
      assigned.put(r.name(), cidrs);
    }
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    ObjectNode spec = patch.putObject("spec");
    spec.put("podCIDR", cidrs.get(0));
    var list = spec.putArray("podCIDRs");
    cidrs.forEach(list::add);
    try {
      client.resources(Node.class).patch(r.name(), PatchType.MERGE, patch);
    } catch (NotFoundException gone) {
      release(r.name());
    } catch (RuntimeException e) {
      release(r.name());
      events.normal(
          node,
          CIDR_ASSIGNMENT_FAILED,
          "Node " + r.name() + " status is now: " + CIDR_ASSIGNMENT_FAILED);
      throw e;
    }
    return Result.done();
  }
}
