package dev.keelson.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ContainerStatus;
import dev.keelson.api.core.v1.EphemeralContainerBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.node.AgentHarness.SimNode;
import dev.keelson.node.spi.ContainerInfo;
import dev.keelson.node.spi.ContainerState;
import dev.keelson.node.spi.PodSandboxStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ephemeral containers (what {@code kubectl debug} adds through {@code pods/ephemeralcontainers})
 * on a simulated node: started in the pod's sandbox once added, reported in {@code
 * ephemeralContainerStatuses}, never ready, never restarted, and killed with the pod.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EphemeralContainersTest {
  @RegisterExtension final AgentHarness h = new AgentHarness();

  private Pod addDebugger(String ns, String pod, String name, String image) {
    Pod p = h.get(ns, pod);
    List<dev.keelson.api.core.v1.EphemeralContainer> list =
        new ArrayList<>(p.spec().ephemeralContainers());
    list.add(
        EphemeralContainerBuilder.builder()
            .name(name)
            .image(image)
            .targetContainerName("app")
            .stdin(true)
            .tty(true)
            .build());
    return h.client
        .resources(Pod.class)
        .inNamespace(ns)
        .updateSubresource(
            p.withSpec(p.spec().withEphemeralContainers(list)), "ephemeralcontainers");
  }

  private static ContainerStatus ephemeralStatus(Pod p, String name) {
    return p.status().ephemeralContainerStatuses().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElse(null);
  }

  private static List<ContainerInfo> containersOf(SimNode node, Pod pod) {
    List<ContainerInfo> out = new ArrayList<>();
    for (PodSandboxStatus s : node.runtime().listPodSandboxes()) {
      if (s.uid().equals(pod.metadata().uid())) {
        out.addAll(node.runtime().listContainers(s.id()));
      }
    }
    return out;
  }

  @Test
  void anAddedEphemeralContainerRunsInThePodAndIsReportedButNeverReady() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: web}
          spec:
            containers: [{name: app, image: nginx}]
          """);
      h.await(ns, "web", "Ready", x -> x.status().isReady());
      addDebugger(ns, "web", "debugger", "busybox");
      Pod p =
          h.await(
              ns,
              "web",
              "the debugger running",
              x -> {
                ContainerStatus s = ephemeralStatus(x, "debugger");
                return s != null && s.state().running() != null;
              });
      ContainerStatus s = ephemeralStatus(p, "debugger");
      assertThat(s.ready()).isFalse();
      assertThat(s.restartCount()).isZero();
      assertThat(s.image()).isEqualTo("busybox");
      assertThat(s.containerID()).startsWith("simulated://");
      assertThat(p.status().isReady()).as("an ephemeral container does not count").isTrue();
      assertThat(p.status().containerStatuses())
          .extracting(ContainerStatus::name)
          .containsExactly("app");
      assertThat(containersOf(node, p))
          .extracting(ContainerInfo::name)
          .containsExactlyInAnyOrder("app", "debugger");
    }
  }

  @Test
  void anEphemeralContainerThatExitsIsNotRestartedAndGoesWithThePod() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata:
            name: once
            annotations: {sim.keelson.dev/run-for.probe: "2"}
          spec:
            restartPolicy: Always
            containers: [{name: app, image: nginx}]
          """);
      h.await(ns, "once", "Ready", x -> x.status().isReady());
      addDebugger(ns, "once", "probe", "busybox");
      h.await(
          ns,
          "once",
          "the ephemeral container running",
          x ->
              ephemeralStatus(x, "probe") != null
                  && ephemeralStatus(x, "probe").state().running() != null);
      node.clock().advance(Duration.ofSeconds(2));
      Pod p =
          h.await(
              ns,
              "once",
              "the ephemeral container terminated",
              x -> ephemeralStatus(x, "probe").state().terminated() != null);
      assertThat(ephemeralStatus(p, "probe").state().terminated().exitCode()).isZero();
      // Several resyncs later it is still terminated, and there is still one instance of it.
      node.clock().advance(Duration.ofSeconds(60));
      p = h.await(ns, "once", "a later sync", x -> x.status().isReady());
      assertThat(ephemeralStatus(p, "probe").restartCount()).isZero();
      assertThat(containersOf(node, p))
          .filteredOn(i -> i.name().equals("probe"))
          .singleElement()
          .satisfies(i -> assertThat(i.state()).isEqualTo(ContainerState.EXITED));

      addDebugger(ns, "once", "second", "busybox");
      h.await(
          ns,
          "once",
          "a second ephemeral container running",
          x ->
              ephemeralStatus(x, "second") != null
                  && ephemeralStatus(x, "second").state().running() != null);
      h.client.resources(Pod.class).inNamespace(ns).delete("once", null);
      AgentHarness.awaitValue(
          "the pod's containers removed",
          () -> node.runtime().listPodSandboxes().isEmpty() ? true : null);
    }
  }
}
