package dev.keelson.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ContainerStatus;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodCondition;
import dev.keelson.node.AgentHarness.SimNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pods on a simulated node reach the phases and report the status kubelet would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodLifecycleTest {
  /** The API server of the class's tests, closed after the last. */
  @RegisterExtension final AgentHarness h = new AgentHarness();

  private static ContainerStatus cs(Pod p, String name) {
    return p.status().containerStatus(name);
  }

  private static String cond(Pod p, String type) {
    PodCondition c = p.status().condition(type);
    return c == null ? null : c.status();
  }

  @Test
  void podRunsToRunningWithReadyConditionsAndKubeletStatus() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: web, labels: {app: web}}
          spec:
            containers:
            - name: app
              image: nginx:1.27
              resources: {requests: {cpu: 100m}}
          """);
      Pod p = h.await(ns, "web", "Running and Ready", x -> x.status().isReady());
      assertThat(p.status().phase()).isEqualTo("Running");
      assertThat(p.status().conditions())
          .extracting(PodCondition::type)
          .containsExactly(
              "PodReadyToStartContainers",
              "Initialized",
              "Ready",
              "ContainersReady",
              "PodScheduled");
      assertThat(p.status().conditions()).allMatch(c -> c.status().equals("True"));
      ContainerStatus app = cs(p, "app");
      assertThat(app.ready()).isTrue();
      assertThat(app.started()).isTrue();
      assertThat(app.restartCount()).isZero();
      assertThat(app.state().running().startedAt()).isEqualTo(node.clock().instant());
      assertThat(app.containerID()).startsWith("simulated://");
      assertThat(app.imageID()).startsWith("sha256:");
      assertThat(app.image()).isEqualTo("nginx:1.27");
      assertThat(p.status().hostIP()).isEqualTo("10.0.0.1");
      assertThat(p.status().hostIPs()).extracting(x -> x.ip()).containsExactly("10.0.0.1");
      assertThat(p.status().podIP()).isNotEmpty();
      assertThat(p.status().podIPs()).hasSize(1);
      assertThat(p.status().startTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
      assertThat(p.status().qosClass()).isEqualTo("Burstable");
    }
  }

  @Test
  void initContainersRunOneAfterAnotherBeforeTheContainers() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata:
            name: inits
            annotations: {sim.keelson.dev/run-for.first: "5", sim.keelson.dev/run-for.second: "5"}
          spec:
            initContainers:
            - {name: first, image: busybox}
            - {name: second, image: busybox}
            containers:
            - {name: app, image: nginx}
          """);
      Pod p =
          h.await(
              ns,
              "inits",
              "first init running",
              x -> x.status().containerStatus("first").state().running() != null);
      assertThat(p.status().phase()).isEqualTo("Pending");
      assertThat(cond(p, "Initialized")).isEqualTo("False");
      assertThat(p.status().condition("Initialized").message())
          .isEqualTo("containers with incomplete status: [first second]");
      assertThat(cs(p, "second").state().waiting().reason()).isEqualTo("PodInitializing");
      assertThat(cs(p, "app").state().waiting().reason()).isEqualTo("PodInitializing");

      node.clock().advance(Duration.ofSeconds(5));
      p =
          h.await(
              ns,
              "inits",
              "second init running",
              x -> x.status().containerStatus("second").state().running() != null);
      assertThat(cs(p, "first").state().terminated().reason()).isEqualTo("Completed");
      assertThat(cs(p, "app").state().waiting()).isNotNull();

      node.clock().advance(Duration.ofSeconds(5));
      p = h.await(ns, "inits", "app running", x -> x.status().isReady());
      assertThat(cond(p, "Initialized")).isEqualTo("True");
      assertThat(cs(p, "second").state().terminated().exitCode()).isZero();
      assertThat(cs(p, "app").state().running().startedAt())
          .isEqualTo(Instant.parse("2024-01-01T00:00:10Z"));
    }
  }

  @Test
  void restartPolicyNeverEndsSucceededOrFailed() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: ok, annotations: {sim.keelson.dev/run-for.job: "3"}}
          spec:
            restartPolicy: Never
            containers: [{name: job, image: busybox}]
          """);
      h.createPod(
          ns,
          node,
          """
          metadata: {name: bad, annotations: {sim.keelson.dev/run-for.job: "3"}}
          spec:
            restartPolicy: Never
            containers: [{name: job, image: "sim/exit:3"}]
          """);
      h.await(ns, "ok", "running", x -> "Running".equals(x.status().phase()));
      h.await(ns, "bad", "running", x -> "Running".equals(x.status().phase()));
      node.clock().advance(Duration.ofSeconds(3));
      Pod ok = h.await(ns, "ok", "Succeeded", x -> "Succeeded".equals(x.status().phase()));
      assertThat(cs(ok, "job").state().terminated().reason()).isEqualTo("Completed");
      assertThat(cs(ok, "job").ready()).isFalse();
      assertThat(ok.status().condition("Ready").reason()).isEqualTo("PodCompleted");
      assertThat(cs(ok, "job").restartCount()).isZero();
      Pod bad = h.await(ns, "bad", "Failed", x -> "Failed".equals(x.status().phase()));
      assertThat(cs(bad, "job").state().terminated().exitCode()).isEqualTo(3);
      assertThat(cs(bad, "job").state().terminated().reason()).isEqualTo("Error");
      assertThat(cs(bad, "job").restartCount()).isZero();
    }
  }

  @Test
  void restartPolicyOnFailureRestartsFailuresAndSucceedsOnZero() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: ok, annotations: {sim.keelson.dev/run-for.job: "2"}}
          spec:
            restartPolicy: OnFailure
            containers: [{name: job, image: busybox}]
          """);
      h.createPod(
          ns,
          node,
          """
          metadata: {name: flaky, annotations: {sim.keelson.dev/run-for.job: "2"}}
          spec:
            restartPolicy: OnFailure
            containers: [{name: job, image: "sim/exit:1"}]
          """);
      h.await(ns, "ok", "running", x -> "Running".equals(x.status().phase()));
      h.await(ns, "flaky", "running", x -> "Running".equals(x.status().phase()));
      node.clock().advance(Duration.ofSeconds(2));
      h.await(ns, "ok", "Succeeded", x -> "Succeeded".equals(x.status().phase()));
      Pod flaky = h.await(ns, "flaky", "restarted once", x -> cs(x, "job").restartCount() == 1);
      assertThat(flaky.status().phase()).isEqualTo("Running");
      assertThat(cs(flaky, "job").lastState().terminated().exitCode()).isEqualTo(1);
    }
  }

  @Test
  void initContainerFailureWithRestartNeverFailsThePod() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: p}
          spec:
            restartPolicy: Never
            initContainers: [{name: setup, image: "sim/exit:2"}]
            containers: [{name: app, image: nginx}]
          """);
      h.await(ns, "p", "init running", x -> cs(x, "setup").state().running() != null);
      node.clock().advance(Duration.ofSeconds(1));
      Pod p = h.await(ns, "p", "Failed", x -> "Failed".equals(x.status().phase()));
      assertThat(cs(p, "setup").state().terminated().exitCode()).isEqualTo(2);
      assertThat(cs(p, "app").state().waiting().reason()).isEqualTo("PodInitializing");
      assertThat(node.runtime().listContainers(null)).hasSize(1);
    }
  }
}
