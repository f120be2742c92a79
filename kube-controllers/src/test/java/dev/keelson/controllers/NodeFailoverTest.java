package dev.keelson.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.coordination.v1.Lease;
import dev.keelson.api.coordination.v1.LeaseSpec;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeCondition;
import dev.keelson.api.core.v1.NodeStatusBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.MicroTime;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.values.Quantity;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.InformerOptions;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.controllers.nodelifecycle.NodeLifecycleController;
import dev.keelson.controllers.nodelifecycle.TaintEvictionController;
import dev.keelson.controllers.replicaset.ReplicaSetController;
import dev.keelson.controllers.support.Pods;
import dev.keelson.controllers.testing.Harness;
import dev.keelson.scheduler.Scheduler;
import dev.keelson.testkit.KeelsonTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A node failure end to end: the node lifecycle controller notices the silent node, the taint
 * eviction controller evicts its pods after their default 300 s tolerations, the ReplicaSet
 * controller replaces them, and the scheduler puts the replacements on the healthy node (the failed
 * one is tainted unreachable:NoSchedule). All on one fake clock.
 */
@KeelsonTest(perTest = true)
class NodeFailoverTest {
  private static final Map<String, String> APP = Map.of("app", "failover");

  @Test
  void podsOfAFailedNodeAreEvictedAndRescheduledElsewhere(KubeClient client, FakeClock clock)
      throws Exception {
    for (String n : List.of("n1", "n2")) {
      heartbeat(client, n, clock.instant());
    }
    InformerFactory informers = InformerFactory.create(client, clock, InformerOptions.defaults());
    List<AutoCloseable> running =
        List.of(
            informers,
            start(new NodeLifecycleController(client, informers, clock)),
            start(new TaintEvictionController(client, informers, clock)),
            start(new ReplicaSetController(client, informers, clock)),
            start(new Scheduler(client, informers, clock)));
    try (Harness h = new Harness(client, clock, "failover")) {
      ReplicaSet rs = h.replicaSet("web", 4, APP);
      PodTemplateSpec t = rs.spec().template();
      rs = rs.withSpec(rs.spec().withTemplate(t.withSpec(t.spec().withNodeName(null))));
      client.resources(ReplicaSet.class).inNamespace(h.namespace).create(rs);

      // Both nodes healthy: 4 pods spread over them, started by the "kubelets".
      await(
          clock,
          Duration.ZERO,
          "4 pods Ready on the two nodes",
          () -> readyOn(h, Set.of("n1", "n2"), Set.of("n1", "n2")) == 4);
      long onN1 = h.kubelet.activePods().stream().filter(p -> "n1".equals(node(p))).count();
      assertThat(onN1).as("the scheduler spread the pods").isPositive();

      // n1 goes silent; n2 keeps heartbeating. Fake time runs until every replica is Ready on n2.
      Instant failedAt = clock.instant();
      await(
          clock,
          Duration.ofSeconds(5),
          "4 Ready replicas, all on n2",
          () -> {
            heartbeat(client, "n2", clock.instant());
            return readyOn(h, Set.of("n2"), Set.of("n2")) == 4
                && h.kubelet.activePods().stream().allMatch(p -> "n2".equals(node(p)));
          });
      Duration took = Duration.between(failedAt, clock.instant());
      assertThat(took)
          .as("not before the 50 s grace period plus the 300 s default toleration")
          .isGreaterThanOrEqualTo(Duration.ofSeconds(350))
          .isLessThan(Duration.ofSeconds(600));
      Node n1 = client.resources(Node.class).get("n1");
      assertThat(n1.spec().taints())
          .extracting(tt -> tt.key() + ":" + tt.effect())
          .contains(
              NodeLifecycleController.UNREACHABLE + ":NoExecute",
              NodeLifecycleController.UNREACHABLE + ":NoSchedule");
    } finally {
      for (AutoCloseable c : running.reversed()) {
        c.close();
      }
    }
  }

  private static <T extends AutoCloseable> T start(T controller) {
    try {
      controller.getClass().getMethod("start").invoke(controller);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    return controller;
  }

  private static String node(Pod p) {
    return p.spec() == null ? null : p.spec().nodeName();
  }

  /**
   * Plays the kubelets of {@code alive}: marks their bound pods Ready; returns how many active pods
   * on {@code counted} nodes are Ready.
   */
  private static long readyOn(Harness h, Set<String> alive, Set<String> counted) {
    for (Pod p : h.kubelet.activePods()) {
      if (node(p) != null && alive.contains(node(p)) && !Pods.isReady(p)) {
        h.kubelet.markReady(p);
      }
    }
    return h.kubelet.activePods().stream()
        .filter(p -> node(p) != null && counted.contains(node(p)) && Pods.isReady(p))
        .count();
  }

  /** The node's Ready status and its Lease, renewed at {@code now} (created the first time). */
  private static void heartbeat(KubeClient client, String name, Instant now) {
    var nodes = client.resources(Node.class);
    Node n;
    try {
      n = nodes.get(name);
    } catch (NotFoundException e) {
      n = nodes.create(new Node(null, null, ObjectMeta.named(name), null, null));
    }
    Map<String, Quantity> capacity =
        Map.of(
            "cpu",
            Quantity.parse("4"),
            "memory",
            Quantity.parse("8Gi"),
            "pods",
            Quantity.parse("110"));
    NodeCondition ready =
        new NodeCondition(
            "Ready", "True", now, now, "KubeletReady", "kubelet is posting ready status");
    nodes.updateStatus(
        n.withStatus(
            NodeStatusBuilder.builder()
                .capacity(capacity)
                .allocatable(capacity)
                .conditions(List.of(ready))
                .build()));
    var leases = client.resources(Lease.class).inNamespace("kube-node-lease");
    LeaseSpec spec = new LeaseSpec(name, 40, null, MicroTime.of(now), null, null, null);
    try {
      Lease l = leases.get(name);
      leases.update(l.withSpec(spec));
    } catch (NotFoundException e) {
      leases.create(new Lease(null, null, ObjectMeta.named("kube-node-lease", name), spec));
    }
  }

  /**
   * Polls {@code done} for a little real time, then advances the fake clock by {@code step}, until
   * it holds (fails after 900 s of fake time, or 60 s of real time with a zero step).
   */
  private static void await(
      FakeClock clock, Duration step, String what, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    Instant start = clock.instant();
    long realDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      long pollUntil = System.nanoTime() + Duration.ofMillis(100).toNanos();
      while (System.nanoTime() < pollUntil) {
        if (done.getAsBoolean()) {
          return;
        }
        Thread.sleep(10);
      }
      assertThat(Duration.between(start, clock.instant()))
          .as("%s within 900 s of fake time", what)
          .isLessThan(Duration.ofSeconds(900));
      assertThat(System.nanoTime())
          .as("%s within 60 s of real time", what)
          .isLessThan(realDeadline);
      clock.advance(step.isZero() ? Duration.ofMillis(1) : step);
    }
  }
}
