package dev.keelson.controllers.nodelifecycle;

import static dev.keelson.controllers.Fixtures.await;
import static dev.keelson.controllers.Fixtures.createRunning;
import static dev.keelson.controllers.Fixtures.pod;
import static dev.keelson.controllers.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.coordination.v1.Lease;
import dev.keelson.api.coordination.v1.LeaseSpec;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeCondition;
import dev.keelson.api.core.v1.NodeStatusBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Taint;
import dev.keelson.api.core.v1.Toleration;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.MicroTime;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.InformerOptions;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.testkit.KeelsonTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@KeelsonTest(perTest = true)
class NodeLifecycleControllerTest {
  private InformerFactory informers;
  private NodeLifecycleController lifecycle;
  private TaintEvictionController eviction;

  @AfterEach
  void stop() {
    if (lifecycle != null) {
      lifecycle.close();
      eviction.close();
      informers.close();
    }
  }

  private void start(KubeClient client, FakeClock clock) {
    informers = InformerFactory.create(client, clock, InformerOptions.defaults());
    lifecycle = new NodeLifecycleController(client, informers, clock);
    eviction = new TaintEvictionController(client, informers, clock);
    lifecycle.start();
    eviction.start();
    await("controllers synced", () -> lifecycle.hasSynced() && eviction.hasSynced());
  }

  /** A node posting Ready=True now, with its Lease renewed now. */
  private static void healthyNode(KubeClient client, String name, String zone, Instant now) {
    var nodes = client.resources(Node.class);
    Node n;
    try {
      n = nodes.get(name);
    } catch (NotFoundException e) {
      ObjectMeta meta = ObjectMeta.named(name);
      if (zone != null) {
        meta = meta.withLabels(Map.of("topology.kubernetes.io/zone", zone));
      }
      n = nodes.create(new Node(null, null, meta, null, null));
    }
    List<NodeCondition> conditions =
        List.of(
            new NodeCondition(
                "MemoryPressure", "False", now, now, "KubeletHasSufficientMemory", "ok"),
            new NodeCondition("DiskPressure", "False", now, now, "KubeletHasNoDiskPressure", "ok"),
            new NodeCondition("PIDPressure", "False", now, now, "KubeletHasSufficientPID", "ok"),
            new NodeCondition(
                "Ready", "True", now, now, "KubeletReady", "kubelet is posting ready status"));
    nodes.updateStatus(n.withStatus(NodeStatusBuilder.builder().conditions(conditions).build()));
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
   * Advances the fake clock by {@code step} until {@code done} holds (polling real time a little
   * after each step, since the controllers work on their own threads); returns the fake time
   * advanced.
   */
  private static Duration advanceUntil(
      FakeClock clock, Duration step, Duration max, String what, Supplier<Boolean> done) {
    Instant start = clock.instant();
    while (true) {
      long pollUntil = System.nanoTime() + Duration.ofMillis(80).toNanos();
      while (System.nanoTime() < pollUntil) {
        if (Boolean.TRUE.equals(done.get())) {
          return Duration.between(start, clock.instant());
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      if (Duration.between(start, clock.instant()).compareTo(max) >= 0) {
        throw new AssertionError("not " + what + " after " + max + " of fake time");
      }
      clock.advance(step);
    }
  }

  private static Pod podOn(String name, String node, Toleration... tolerations) {
    Pod p = pod("default", name, Map.of("app", "x"), node);
    return p.withSpec(p.spec().withTolerations(List.of(tolerations)));
  }

  private static boolean goneOrTerminating(KubeClient client, String pod) {
    try {
      return client
              .resources(Pod.class)
              .inNamespace("default")
              .get(pod)
              .metadata()
              .deletionTimestamp()
          != null;
    } catch (NotFoundException e) {
      return true;
    }
  }

  private static Taint taint(Node n, String key, String effect) {
    return n.spec() == null
        ? null
        : n.spec().taints().stream()
            .filter(t -> t.key().equals(key) && t.effect().equals(effect))
            .findFirst()
            .orElse(null);
  }

  @Test
  void aSilentNodeIsMarkedUnknownTaintedAndItsPodsEvictedAfterTheirTolerationSeconds(
      KubeClient client, FakeClock clock) {
    healthyNode(client, "n1", null, clock.instant());
    createRunning(client, podOn("defaults", "n1"), running(true, "10.7.0.1"));
    createRunning(
        client,
        podOn(
            "at-once",
            "n1",
            new Toleration(NodeLifecycleController.UNREACHABLE, "Exists", null, "NoExecute", 0L)),
        running(true, "10.7.0.2"));
    createRunning(
        client,
        podOn(
            "forever",
            "n1",
            new Toleration(NodeLifecycleController.UNREACHABLE, "Exists", null, "NoExecute", null)),
        running(true, "10.7.0.3"));
    // the API server added the default 300 s tolerations
    assertThat(
            client.resources(Pod.class).inNamespace("default").get("defaults").spec().tolerations())
        .extracting(Toleration::key, Toleration::tolerationSeconds)
        .contains(org.assertj.core.groups.Tuple.tuple(NodeLifecycleController.UNREACHABLE, 300L));
    start(client, clock);

    var nodes = client.resources(Node.class);
    Duration silent =
        advanceUntil(
            clock,
            Duration.ofSeconds(1),
            Duration.ofSeconds(120),
            "marked Unknown",
            () -> "Unknown".equals(nodes.get("n1").status().condition("Ready").status()));
    assertThat(silent).isGreaterThanOrEqualTo(Duration.ofSeconds(50)); // the grace period
    Node n1 = nodes.get("n1");
    for (String type : List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure")) {
      NodeCondition c = n1.status().condition(type);
      assertThat(c.status()).as(type).isEqualTo("Unknown");
      assertThat(c.reason()).isEqualTo("NodeStatusUnknown");
      assertThat(c.message()).isEqualTo("Kubelet stopped posting node status.");
    }
    Node tainted =
        await(
            "unreachable taints",
            () -> {
              Node n = nodes.get("n1");
              return taint(n, NodeLifecycleController.UNREACHABLE, "NoExecute") != null
                      && taint(n, NodeLifecycleController.UNREACHABLE, "NoSchedule") != null
                  ? n
                  : null;
            });
    Instant taintedAt =
        taint(tainted, NodeLifecycleController.UNREACHABLE, "NoExecute").timeAdded();
    await(
        "pods marked not ready",
        () ->
            !client.resources(Pod.class).inNamespace("default").get("defaults").status().isReady());
    await(
        "pod without time to tolerate evicted at once", () -> goneOrTerminating(client, "at-once"));
    assertThat(goneOrTerminating(client, "defaults")).isFalse();

    advanceUntil(
        clock,
        Duration.ofSeconds(10),
        Duration.ofSeconds(400),
        "evicted after 300 s",
        () -> goneOrTerminating(client, "defaults"));
    assertThat(Duration.between(taintedAt, clock.instant()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(300));
    Pod evicted = client.resources(Pod.class).inNamespace("default").get("defaults");
    assertThat(evicted.status().condition(TaintEvictionController.DISRUPTION_TARGET).reason())
        .isEqualTo("DeletionByTaintManager");
    assertThat(goneOrTerminating(client, "forever")).isFalse();

    // the kubelet comes back: the taints go
    healthyNode(client, "n1", null, clock.instant());
    advanceUntil(
        clock,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        "untainted",
        () -> nodes.get("n1").spec().taints().isEmpty());
  }

  @Test
  void nodesOfOneZoneAreTaintedNoFasterThanOneEveryTenSeconds(KubeClient client, FakeClock clock) {
    healthyNode(client, "a", "z1", clock.instant());
    healthyNode(client, "b", "z1", clock.instant());
    start(client, clock);
    var nodes = client.resources(Node.class);
    advanceUntil(
        clock,
        Duration.ofSeconds(1),
        Duration.ofSeconds(150),
        "both tainted",
        () ->
            taint(nodes.get("a"), NodeLifecycleController.UNREACHABLE, "NoExecute") != null
                && taint(nodes.get("b"), NodeLifecycleController.UNREACHABLE, "NoExecute") != null);
    Instant a = taint(nodes.get("a"), NodeLifecycleController.UNREACHABLE, "NoExecute").timeAdded();
    Instant b = taint(nodes.get("b"), NodeLifecycleController.UNREACHABLE, "NoExecute").timeAdded();
    assertThat(Duration.between(a, b).abs()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
  }
}
