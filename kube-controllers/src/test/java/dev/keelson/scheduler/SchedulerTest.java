package dev.keelson.scheduler;

import static dev.keelson.scheduler.Fixtures.labeled;
import static dev.keelson.scheduler.Fixtures.node;
import static dev.keelson.scheduler.Fixtures.pod;
import static dev.keelson.scheduler.Fixtures.tainted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Affinity;
import dev.keelson.api.core.v1.Event;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeSelector;
import dev.keelson.api.core.v1.NodeSelectorRequirement;
import dev.keelson.api.core.v1.NodeSelectorTerm;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodCondition;
import dev.keelson.api.core.v1.Taint;
import dev.keelson.api.core.v1.Toleration;
import dev.keelson.api.core.v1.TopologySpreadConstraint;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.DeleteOptions;
import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.scheduling.v1.PriorityClass;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.InformerOptions;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.scheduler.framework.BindPlugin;
import dev.keelson.scheduler.framework.Plugin;
import dev.keelson.scheduler.framework.Profile;
import dev.keelson.scheduler.plugins.DefaultBinder;
import dev.keelson.scheduler.plugins.DefaultPlugins;
import dev.keelson.testkit.KeelsonTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@KeelsonTest(perTest = true)
class SchedulerTest {
  private final List<AutoCloseable> closing = new ArrayList<>();
  private static volatile Scheduler current;
  private static volatile String diagnostics = "";

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private Scheduler start(KubeClient client, FakeClock clock, SchedulerConfig config) {
    InformerFactory informers = InformerFactory.create(client, clock, InformerOptions.defaults());
    closing.add(informers);
    Scheduler s = new Scheduler(client, informers, clock, config);
    closing.add(s);
    s.start();
    current = s;
    return s;
  }

  private Scheduler start(KubeClient client, FakeClock clock) {
    return start(client, clock, SchedulerConfig.defaults());
  }

  /** Polls until {@code condition}, advancing the fake clock so that backoffs run out. */
  private static void eventually(FakeClock clock, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        Scheduler s = current;
        throw new AssertionError(
            "timed out waiting for "
                + what
                + (s == null
                    ? ""
                    : " ("
                        + s.stats()
                        + ", cache "
                        + java.util.Arrays.toString(s.cache().sizes())
                        + ")")
                + " "
                + diagnostics);
      }
      Thread.sleep(20);
      clock.advance(Duration.ofMillis(100));
    }
  }

  private static Resources<Pod> pods(KubeClient client) {
    return client.resources(Pod.class).inNamespace("default");
  }

  private static String nodeOf(KubeClient client, String pod) {
    try {
      String n = pods(client).get(pod).spec().nodeName();
      return n == null ? "" : n;
    } catch (NotFoundException e) {
      return "<deleted>";
    }
  }

  private static Optional<PodCondition> scheduled(KubeClient client, String pod) {
    Pod p = pods(client).get(pod);
    diagnostics = pod + ": " + p.spec().priority() + " " + p.status();
    return p.status() == null
        ? Optional.empty()
        : Optional.ofNullable(p.status().condition("PodScheduled"));
  }

  private static List<Event> events(KubeClient client, String pod, String reason) {
    List<Event> out = new ArrayList<>();
    for (Event e :
        client.resources(Event.class).inNamespace("default").list(ListOptions.none()).items()) {
      if (e.involvedObject() != null
          && pod.equals(e.involvedObject().name())
          && reason.equals(e.reason())) {
        out.add(e);
      }
    }
    return out;
  }

  private static void createNodes(KubeClient client, Node... nodes) {
    for (Node n : nodes) {
      Node created = client.resources(Node.class).create(n);
      if (created.status() == null || created.status().allocatable().isEmpty()) {
        client.resources(Node.class).updateStatus(created.withStatus(n.status()));
      }
    }
  }

  @Test
  void podsAreBoundWithinNodeResourcesAndTheRestWaitForANewNode(KubeClient client, FakeClock clock)
      throws Exception {
    createNodes(client, node("n1"), node("n2"));
    start(client, clock);
    for (String name : List.of("a", "b", "c")) {
      pods(client).create(pod(name, "3", "1Gi"));
    }
    eventually(
        clock,
        "two pods bound and one unschedulable",
        () ->
            List.of("a", "b", "c").stream().filter(p -> !nodeOf(client, p).isEmpty()).count() == 2
                && List.of("a", "b", "c").stream()
                    .anyMatch(
                        p ->
                            scheduled(client, p)
                                .map(c -> "False".equals(c.status()))
                                .orElse(false)));
    String waiting =
        List.of("a", "b", "c").stream().filter(p -> nodeOf(client, p).isEmpty()).findFirst().get();
    assertThat(
            List.of("a", "b", "c").stream()
                .filter(p -> !p.equals(waiting))
                .map(p -> nodeOf(client, p)))
        .containsExactlyInAnyOrder("n1", "n2");
    PodCondition c = scheduled(client, waiting).get();
    assertThat(c.reason()).isEqualTo("Unschedulable");
    assertThat(c.message())
        .isEqualTo(
            "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2"
                + " No preemption victims found for incoming pod.");
    eventually(
        clock,
        "a FailedScheduling event",
        () -> !events(client, waiting, "FailedScheduling").isEmpty());
    Event e = events(client, waiting, "FailedScheduling").get(0);
    assertThat(e.type()).isEqualTo("Warning");
    assertThat(e.message()).isEqualTo(c.message());

    createNodes(client, node("n3"));
    eventually(
        clock, waiting + " bound to the new node", () -> nodeOf(client, waiting).equals("n3"));
    eventually(clock, "a Scheduled event", () -> !events(client, waiting, "Scheduled").isEmpty());
    assertThat(events(client, waiting, "Scheduled").get(0).message())
        .isEqualTo("Successfully assigned default/" + waiting + " to n3");
  }

  @Test
  void taintsSelectorsAndAffinityDecideTheNode(KubeClient client, FakeClock clock)
      throws Exception {
    createNodes(
        client,
        tainted(
            node("gpu", "8", "16Gi", Map.of("accel", "gpu")),
            new Taint("gpu", "true", "NoSchedule", null)),
        node("z1", "8", "16Gi", Map.of("zone", "z1")),
        node("z2", "8", "16Gi", Map.of("zone", "z2")));
    start(client, clock);
    pods(client).create(pod("zoned", "1", null, s -> s.withNodeSelector(Map.of("zone", "z2"))));
    NodeSelectorTerm gpuTerm =
        new NodeSelectorTerm(
            List.of(new NodeSelectorRequirement("accel", "In", List.of("gpu"))), null);
    pods(client)
        .create(
            pod(
                "trainer",
                "1",
                null,
                s ->
                    s.withTolerations(
                            List.of(new Toleration("gpu", "Equal", "true", "NoSchedule", null)))
                        .withAffinity(
                            new Affinity(
                                new dev.keelson.api.core.v1.NodeAffinity(
                                    new NodeSelector(List.of(gpuTerm)), null),
                                null,
                                null))));
    pods(client)
        .create(pod("untolerating", "1", null, s -> s.withNodeSelector(Map.of("accel", "gpu"))));
    eventually(
        clock,
        "zoned and trainer bound",
        () -> nodeOf(client, "zoned").equals("z2") && nodeOf(client, "trainer").equals("gpu"));
    eventually(
        clock,
        "untolerating rejected",
        () -> scheduled(client, "untolerating").map(c -> c.message() != null).orElse(false));
    assertThat(scheduled(client, "untolerating").get().message())
        .isEqualTo(
            "0/3 nodes are available: 1 node(s) had untolerated taint {gpu: true}, 2 node(s)"
                + " didn't match Pod's node affinity/selector. preemption: 0/3 nodes are"
                + " available: 3 Preemption is not helpful for scheduling.");
  }

  @Test
  void doNotScheduleSpreadPutsPodsEvenlyOverZones(KubeClient client, FakeClock clock)
      throws Exception {
    createNodes(
        client,
        node("a", "16", "32Gi", Map.of("zone", "z1")),
        node("b", "16", "32Gi", Map.of("zone", "z2")),
        node("c", "16", "32Gi", Map.of("zone", "z3")));
    start(client, clock);
    TopologySpreadConstraint spread =
        new TopologySpreadConstraint(
            1,
            "zone",
            "DoNotSchedule",
            new LabelSelector(Map.of("app", "web"), null),
            null,
            null,
            null,
            null);
    for (int i = 0; i < 6; i++) {
      pods(client)
          .create(
              labeled(
                  pod(
                      "web-" + i,
                      "100m",
                      null,
                      s -> s.withTopologySpreadConstraints(List.of(spread))),
                  Map.of("app", "web")));
    }
    eventually(
        clock,
        "six pods bound",
        () ->
            pods(client).list(ListOptions.none()).items().stream()
                .allMatch(p -> p.spec().nodeName() != null));
    Map<String, Integer> perNode = new HashMap<>();
    for (Pod p : pods(client).list(ListOptions.none()).items()) {
      perNode.merge(p.spec().nodeName(), 1, Integer::sum);
    }
    assertThat(perNode).containsOnly(Map.entry("a", 2), Map.entry("b", 2), Map.entry("c", 2));
  }

  @Test
  void aBindingConflictForgetsTheAssumedPod(KubeClient client, FakeClock clock) throws Exception {
    createNodes(client, node("n1"), node("n2"));
    // A binder that loses a race: someone else binds the pod to n2 just before it binds.
    BindPlugin racing =
        new BindPlugin() {
          @Override
          public String name() {
            return "RacingBinder";
          }

          @Override
          public dev.keelson.scheduler.framework.Status bind(
              dev.keelson.scheduler.framework.CycleState state,
              dev.keelson.scheduler.framework.PodInfo pod,
              String nodeName) {
            String other = nodeName.equals("n1") ? "n2" : "n1";
            new DefaultBinder(client).bind(state, pod, other);
            return new DefaultBinder(client).bind(state, pod, nodeName);
          }
        };
    Scheduler s =
        start(
            client,
            clock,
            SchedulerConfig.defaults()
                .withProfile(
                    h -> {
                      List<Plugin> plugins = new ArrayList<>(DefaultPlugins.plugins(h));
                      plugins.removeIf(p -> p instanceof DefaultBinder);
                      plugins.add(racing);
                      return new Profile(plugins, DefaultPlugins.weights());
                    }));
    pods(client).create(pod("p", "1", null));
    eventually(clock, "p bound", () -> !nodeOf(client, "p").isEmpty());
    eventually(clock, "the conflict counted", () -> s.stats().bindConflicts() == 1);
    String node = nodeOf(client, "p");
    eventually(
        clock,
        "the cache counting p only where it went",
        () -> {
          var chosen = s.cache().nodeInfo(node);
          var other = s.cache().nodeInfo(node.equals("n1") ? "n2" : "n1");
          return chosen.pods().size() == 1
              && other.pods().isEmpty()
              && !s.cache().isAssumed("default/p");
        });
    assertThat(s.queue().whereIs("default/p")).isEqualTo("none");
    assertThat(s.stats().scheduled()).isZero();
  }

  @Test
  void aHigherPriorityPodPreemptsALowerPriorityOne(KubeClient client, FakeClock clock)
      throws Exception {
    createNodes(client, node("n1"));
    start(client, clock);
    // pods get their priority from a PriorityClass (the API server's Priority admission)
    client
        .resources(PriorityClass.class)
        .create(new PriorityClass(null, null, ObjectMeta.named("high"), 1000, null, null, null));
    pods(client).create(pod("low", "3", null, s -> s));
    eventually(clock, "low bound", () -> nodeOf(client, "low").equals("n1"));
    pods(client).create(pod("high", "2", null, s -> s.withPriorityClassName("high")));
    eventually(
        clock,
        "low preempted (deleted gracefully) and high nominated",
        () ->
            pods(client).get("low").metadata().deletionTimestamp() != null
                && "n1".equals(pods(client).get("high").status().nominatedNodeName()));
    assertThat(nodeOf(client, "high")).isEmpty();
    // the kubelet would now stop the victim and remove it
    pods(client).delete("low", new DeleteOptions(null, null, 0L, null, null, null, null));
    eventually(clock, "high bound", () -> nodeOf(client, "high").equals("n1"));
    assertThat(events(client, "low", "Preempted")).isNotEmpty();
  }
}
