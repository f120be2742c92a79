package dev.keelson.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.apps.v1.DaemonSet;
import dev.keelson.api.apps.v1.DaemonSetBuilder;
import dev.keelson.api.apps.v1.DaemonSetSpec;
import dev.keelson.api.apps.v1.DaemonSetSpecBuilder;
import dev.keelson.api.apps.v1.DaemonSetStatus;
import dev.keelson.api.apps.v1.DaemonSetUpdateStrategy;
import dev.keelson.api.apps.v1.RollingUpdateDaemonSet;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeBuilder;
import dev.keelson.api.core.v1.NodeSpecBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.core.v1.Taint;
import dev.keelson.api.core.v1.Toleration;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.values.IntOrString;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.InformerOptions;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.controllers.support.ControllerRevisions;
import dev.keelson.controllers.support.NodeAffinities;
import dev.keelson.controllers.testing.Templates;
import dev.keelson.controllers.testing.WorkloadKubelet;
import dev.keelson.controllers.testing.WorkloadKubelet.Await;
import dev.keelson.testkit.KeelsonTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@KeelsonTest(perTest = true) // every test has its own nodes
class DaemonSetControllerTest {
  private static final String NS = "default";
  private KubeClient client;
  private InformerFactory informers;
  private DaemonSetController controller;
  private WorkloadKubelet kubelet;
  private Resources<DaemonSet> sets;
  private Resources<Node> nodes;

  @BeforeEach
  void start(KubeClient client, FakeClock clock) {
    this.client = client;
    informers = InformerFactory.create(client, clock, InformerOptions.defaults());
    controller = new DaemonSetController(client, informers, clock);
    informers.start();
    controller.start();
    kubelet = new WorkloadKubelet(client, NS, clock);
    sets = client.resources(DaemonSet.class).inNamespace(NS);
    nodes = client.resources(Node.class);
  }

  @AfterEach
  void stop() {
    controller.close();
    informers.close();
  }

  private Node node(String name, Map<String, String> labels, Taint... taints) {
    return nodes.create(
        NodeBuilder.builder()
            .metadata(ObjectMetaBuilder.builder().name(name).labels(labels).build())
            .spec(NodeSpecBuilder.builder().taints(List.of(taints)).build())
            .build());
  }

  private void editNode(String name, UnaryOperator<Node> change) {
    for (int i = 0; ; i++) {
      try {
        nodes.update(change.apply(nodes.get(name)));
        return;
      } catch (dev.keelson.api.errors.ConflictException e) {
        if (i > 10) {
          throw e;
        }
      }
    }
  }

  private DaemonSet create(String name, UnaryOperator<DaemonSetSpecBuilder> spec) {
    DaemonSetSpecBuilder b =
        DaemonSetSpecBuilder.builder()
            .selector(Templates.selector(name))
            .template(Templates.pod(name, "agent:1"));
    return sets.create(
        DaemonSetBuilder.builder()
            .metadata(ObjectMetaBuilder.builder().name(name).namespace(NS).build())
            .spec(spec.apply(b).build())
            .build());
  }

  private void change(String name, UnaryOperator<DaemonSetSpec> change) {
    for (int i = 0; ; i++) {
      DaemonSet s = sets.get(name);
      try {
        sets.update(s.withSpec(change.apply(s.spec())));
        return;
      } catch (dev.keelson.api.errors.ConflictException e) {
        if (i > 10) {
          throw e;
        }
      }
    }
  }

  /** The live (not terminating) daemon pods of {@code app} by node name. */
  private Map<String, List<Pod>> podsByNode(String app) {
    Map<String, List<Pod>> out = new TreeMap<>();
    for (Pod p : kubelet.list("app=" + app)) {
      if (p.metadata().deletionTimestamp() == null) {
        out.computeIfAbsent(NodeAffinities.targetNode(p), k -> new java.util.ArrayList<>()).add(p);
      }
    }
    return out;
  }

  private Map<String, List<Pod>> awaitPods(String app, Predicate<Map<String, List<Pod>>> test) {
    return Await.until("pods of " + app, () -> podsByNode(app), test);
  }

  private static Predicate<Map<String, List<Pod>>> onNodes(String... names) {
    return m ->
        m.keySet().equals(new java.util.TreeSet<>(List.of(names)))
            && m.values().stream().allMatch(l -> l.size() == 1);
  }

  private DaemonSetStatus awaitStatus(String name, Predicate<DaemonSetStatus> test) {
    return Await.until(
        "status of " + name, () -> sets.get(name).status(), s -> s != null && test.test(s));
  }

  @Test
  void runsOnePinnedPodPerNodeTheSelectorAdmits() {
    node("n1", Map.of("role", "worker"));
    node("n2", Map.of("role", "worker"));
    node("n3", Map.of());
    create("agent", b -> b.template(withNodeSelector(Templates.pod("agent", "agent:1"))));

    Map<String, List<Pod>> pods = awaitPods("agent", onNodes("n1", "n2"));
    Pod p = pods.get("n1").get(0);
    assertThat(p.spec().nodeName()).isNull();
    var term =
        p.spec()
            .affinity()
            .nodeAffinity()
            .requiredDuringSchedulingIgnoredDuringExecution()
            .nodeSelectorTerms();
    assertThat(term).hasSize(1);
    assertThat(term.get(0).matchFields().get(0).key()).isEqualTo("metadata.name");
    assertThat(term.get(0).matchFields().get(0).values()).containsExactly("n1");
    assertThat(p.spec().tolerations())
        .extracting(Toleration::key)
        .contains(
            "node.kubernetes.io/not-ready",
            "node.kubernetes.io/unreachable",
            "node.kubernetes.io/disk-pressure",
            "node.kubernetes.io/memory-pressure",
            "node.kubernetes.io/pid-pressure",
            "node.kubernetes.io/unschedulable");
    assertThat(p.metadata().labels()).containsKey(ControllerRevisions.POD_REVISION_LABEL);
    assertThat(p.metadata().generateName()).isEqualTo("agent-");

    for (List<Pod> l : pods.values()) {
      kubelet.runReady(l.get(0).metadata().name());
    }
    DaemonSetStatus s = awaitStatus("agent", st -> Integer.valueOf(2).equals(st.numberReady()));
    assertThat(s.desiredNumberScheduled()).isEqualTo(2);
    assertThat(s.currentNumberScheduled()).isEqualTo(2);
    assertThat(s.updatedNumberScheduled()).isEqualTo(2);
    assertThat(s.numberAvailable()).isEqualTo(2);
    assertThat(s.numberUnavailable()).isZero();
    assertThat(s.numberMisscheduled()).isZero();
    assertThat(s.observedGeneration()).isEqualTo(1L);
  }

  private static PodTemplateSpec withNodeSelector(PodTemplateSpec t) {
    return t.withSpec(t.spec().withNodeSelector(Map.of("role", "worker")));
  }

  @Test
  void followsNodesAddedRemovedAndRelabelled() {
    node("n1", Map.of("role", "worker"));
    create("agent", b -> b.template(withNodeSelector(Templates.pod("agent", "agent:1"))));
    awaitPods("agent", onNodes("n1"));

    node("n2", Map.of("role", "worker"));
    awaitPods("agent", onNodes("n1", "n2"));

    editNode("n1", n -> n.withMetadata(n.metadata().withLabels(Map.of())));
    awaitPods("agent", onNodes("n2"));

    node("n3", Map.of("role", "worker"));
    awaitPods("agent", onNodes("n2", "n3"));
    nodes.delete("n2", null);
    awaitPods("agent", onNodes("n3"));
    awaitStatus("agent", s -> Integer.valueOf(1).equals(s.desiredNumberScheduled()));
  }

  @Test
  void taintsKeepPodsOffUnlessTolerated() {
    node("plain", Map.of());
    node("gpu", Map.of(), new Taint("gpu", "true", "NoSchedule", null));
    node(
        "cordoned",
        Map.of(),
        new Taint("node.kubernetes.io/unschedulable", null, "NoSchedule", null));
    create("agent", b -> b);
    awaitPods("agent", onNodes("cordoned", "plain"));

    create(
        "gpu-agent",
        b ->
            b.template(
                Templates.pod("gpu-agent", "agent:1")
                    .withSpec(
                        Templates.pod("gpu-agent", "agent:1")
                            .spec()
                            .withTolerations(
                                List.of(
                                    new Toleration("gpu", "Equal", "true", "NoSchedule", null))))));
    awaitPods("gpu-agent", onNodes("cordoned", "gpu", "plain"));

    // A NoSchedule taint added later leaves a running pod alone (it is misscheduled)...
    editNode(
        "plain",
        n ->
            n.withSpec(
                n.spec().withTaints(List.of(new Taint("dedicated", "db", "NoSchedule", null)))));
    awaitStatus("agent", s -> Integer.valueOf(1).equals(s.numberMisscheduled()));
    assertThat(podsByNode("agent")).containsKey("plain");
    // ...a NoExecute taint evicts it.
    editNode(
        "plain",
        n ->
            n.withSpec(
                n.spec().withTaints(List.of(new Taint("dedicated", "db", "NoExecute", null)))));
    awaitPods("agent", onNodes("cordoned"));
    DaemonSetStatus s =
        awaitStatus("agent", st -> Integer.valueOf(0).equals(st.numberMisscheduled()));
    assertThat(s.desiredNumberScheduled()).isEqualTo(1);
  }

  @Test
  void rollingUpdateReplacesOneUnavailablePodAtATime() {
    for (String n : List.of("a", "b", "c")) {
      node(n, Map.of());
    }
    create("agent", b -> b);
    readyAll(awaitPods("agent", onNodes("a", "b", "c")));
    DaemonSetStatus before =
        awaitStatus("agent", s -> Integer.valueOf(3).equals(s.numberAvailable()));
    assertThat(before.updatedNumberScheduled()).isEqualTo(3);

    change("agent", s -> s.withTemplate(Templates.pod("agent", "agent:2")));
    for (int round = 1; round <= 3; round++) {
      int want = round;
      Map<String, List<Pod>> pods =
          awaitPods(
              "agent",
              m ->
                  m.size() == 3
                      && updated(m) == want
                      && m.values().stream().allMatch(l -> l.size() == 1));
      // the new pod is not ready yet: no other old pod goes meanwhile
      Await.stays(
          "one at a time",
          () -> updated(podsByNode("agent")),
          u -> u == want,
          Duration.ofMillis(300));
      readyAll(pods);
    }
    DaemonSetStatus after =
        awaitStatus(
            "agent",
            s ->
                Integer.valueOf(3).equals(s.updatedNumberScheduled())
                    && Integer.valueOf(3).equals(s.numberAvailable()));
    assertThat(after.observedGeneration()).isEqualTo(2L);
  }

  @Test
  void rollingUpdateWithSurgeStartsTheNewPodBeforeDeletingTheOld() {
    node("a", Map.of());
    create(
        "agent",
        b ->
            b.updateStrategy(
                new DaemonSetUpdateStrategy(
                    "RollingUpdate",
                    new RollingUpdateDaemonSet(IntOrString.of(0), IntOrString.of(1)))));
    readyAll(awaitPods("agent", onNodes("a")));
    awaitStatus("agent", s -> Integer.valueOf(1).equals(s.numberAvailable()));

    change("agent", s -> s.withTemplate(Templates.pod("agent", "agent:2")));
    Map<String, List<Pod>> both =
        awaitPods("agent", m -> m.getOrDefault("a", List.of()).size() == 2);
    Pod fresh =
        both.get("a").stream()
            .filter(p -> p.spec().containers().get(0).image().equals("agent:2"))
            .findFirst()
            .orElseThrow();
    kubelet.runReady(fresh.metadata().name());
    Map<String, List<Pod>> after = awaitPods("agent", onNodes("a"));
    assertThat(after.get("a").get(0).metadata().name()).isEqualTo(fresh.metadata().name());
  }

  @Test
  void onDeleteKeepsOldPodsUntilDeleted() {
    node("a", Map.of());
    create("agent", b -> b.updateStrategy(new DaemonSetUpdateStrategy("OnDelete", null)));
    Pod old = awaitPods("agent", onNodes("a")).get("a").get(0);
    change("agent", s -> s.withTemplate(Templates.pod("agent", "agent:2")));
    awaitStatus("agent", s -> Long.valueOf(2).equals(s.observedGeneration()));
    assertThat(podsByNode("agent").get("a").get(0).metadata().uid())
        .isEqualTo(old.metadata().uid());
    client.resources(Pod.class).inNamespace(NS).delete(old.metadata().name(), null);
    Pod replaced =
        awaitPods(
                "agent",
                m ->
                    onNodes("a").test(m)
                        && !m.get("a").get(0).metadata().uid().equals(old.metadata().uid()))
            .get("a")
            .get(0);
    assertThat(replaced.spec().containers().get(0).image()).isEqualTo("agent:2");
  }

  private static int updated(Map<String, List<Pod>> pods) {
    int n = 0;
    for (List<Pod> l : pods.values()) {
      for (Pod p : l) {
        if (p.spec().containers().get(0).image().equals("agent:2")) {
          n++;
        }
      }
    }
    return n;
  }

  private void readyAll(Map<String, List<Pod>> pods) {
    for (List<Pod> l : pods.values()) {
      for (Pod p : l) {
        if (p.status() == null || !p.status().isReady()) {
          kubelet.runReady(p.metadata().name());
        }
      }
    }
  }
}
