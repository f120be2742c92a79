package dev.keelson.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ContainerStatus;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.node.AgentHarness.SimNode;
import dev.keelson.node.spi.ProbeResult;
import dev.keelson.node.spi.ProbeType;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Crash-loop backoff and probes, on a fake clock. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartAndProbeTest {
  /** The API server of the class's tests, closed after the last. */
  @RegisterExtension final AgentHarness h = new AgentHarness();

  private static ContainerStatus app(Pod p) {
    return p.status().containerStatus("app");
  }

  @Test
  void crashingContainerRestartsAtOnceThenBacksOff10To300Seconds() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: crash, annotations: {sim.keelson.dev/run-for.app: "1"}}
          spec:
            containers: [{name: app, image: "sim/exit:1"}]
          """);
      h.await(ns, "crash", "running", x -> app(x) != null && app(x).state().running() != null);
      // The first exit restarts at once.
      node.clock().advance(Duration.ofSeconds(1));
      Pod p =
          h.await(
              ns,
              "crash",
              "first restart",
              x -> app(x).restartCount() == 1 && app(x).state().running() != null);
      assertThat(app(p).lastState().terminated().exitCode()).isEqualTo(1);
      int restarts = 1;
      for (long backoff : new long[] {10, 20, 40, 80, 160, 300, 300}) {
        node.clock().advance(Duration.ofSeconds(1));
        String msg = "back-off " + PodWorkersNames.go(backoff) + " restarting failed container=app";
        p =
            h.await(
                ns,
                "crash",
                "CrashLoopBackOff " + backoff,
                x ->
                    app(x).state().waiting() != null
                        && "CrashLoopBackOff".equals(app(x).state().waiting().reason())
                        && app(x).state().waiting().message().startsWith(msg));
        assertThat(p.status().phase()).isEqualTo("Running");
        assertThat(p.status().isReady()).isFalse();
        assertThat(app(p).restartCount()).isEqualTo(restarts);
        node.clock().advance(Duration.ofSeconds(backoff - 1));
        assertThat(app(h.get(ns, "crash")).restartCount()).isEqualTo(restarts);
        node.clock().advance(Duration.ofSeconds(1));
        int expected = ++restarts;
        p =
            h.await(
                ns,
                "crash",
                "restart " + expected,
                x -> app(x).restartCount() == expected && app(x).state().running() != null);
        ContainerStatus s = app(p);
        assertThat(
                Duration.between(
                    s.lastState().terminated().finishedAt(), s.state().running().startedAt()))
            .isEqualTo(Duration.ofSeconds(backoff));
      }
    }
  }

  @Test
  void backoffResetsAfterTenMinutesWithoutACrash() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: slow, annotations: {sim.keelson.dev/run-for.app: "601"}}
          spec:
            containers: [{name: app, image: "sim/exit:1"}]
          """);
      h.await(ns, "slow", "running", x -> app(x) != null && app(x).state().running() != null);
      for (int i = 1; i <= 3; i++) {
        node.clock().advance(Duration.ofSeconds(601));
        int expected = i;
        Pod p =
            h.await(
                ns,
                "slow",
                "restart " + i,
                x -> app(x).restartCount() == expected && app(x).state().running() != null);
        // Each crash came more than 10 minutes after the last: restarted at once, no backoff.
        assertThat(app(p).state().running().startedAt())
            .isEqualTo(app(p).lastState().terminated().finishedAt());
      }
    }
  }

  @Test
  void livenessFailureRestartsTheContainer() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: live}
          spec:
            containers:
            - name: app
              image: nginx
              livenessProbe:
                exec: {command: [cat, /tmp/healthy]}
                periodSeconds: 5
                failureThreshold: 2
          """);
      h.await(ns, "live", "ready", x -> x.status().isReady());
      node.runtime().setProbeResult(ns, "live", "app", ProbeType.LIVENESS, ProbeResult.FAILURE);
      node.clock().runDue(); // the first probe, at the container's start: one failure
      assertThat(app(h.get(ns, "live")).restartCount()).isZero();
      node.clock().advance(Duration.ofSeconds(5)); // the second failure reaches the threshold
      Pod p =
          h.await(
              ns,
              "live",
              "restarted after 2 failures",
              x -> app(x).restartCount() == 1 && app(x).state().running() != null);
      assertThat(app(p).lastState().terminated().exitCode()).isEqualTo(143);
      assertThat(p.status().phase()).isEqualTo("Running");
    }
  }

  @Test
  void readinessFailureOnlyClearsReady() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: rdy}
          spec:
            containers:
            - name: app
              image: nginx
              readinessProbe:
                httpGet: {path: /healthz, port: 8080}
                initialDelaySeconds: 3
                periodSeconds: 5
                failureThreshold: 1
          """);
      Pod p =
          h.await(ns, "rdy", "running", x -> app(x) != null && app(x).state().running() != null);
      assertThat(p.status().isReady()).isFalse();
      assertThat(p.status().condition("Ready").message())
          .isEqualTo("containers with unready status: [app]");
      node.clock().advance(Duration.ofSeconds(2));
      assertThat(h.get(ns, "rdy").status().isReady()).isFalse();
      node.clock().advance(Duration.ofSeconds(1));
      h.await(ns, "rdy", "ready after initial delay", x -> x.status().isReady());

      node.runtime().setProbeResult(ns, "rdy", "app", ProbeType.READINESS, ProbeResult.FAILURE);
      node.clock().advance(Duration.ofSeconds(5));
      p = h.await(ns, "rdy", "unready", x -> !x.status().isReady());
      assertThat(app(p).ready()).isFalse();
      assertThat(app(p).restartCount()).isZero();
      assertThat(p.status().condition("ContainersReady").reason()).isEqualTo("ContainersNotReady");

      node.runtime().setProbeResult(ns, "rdy", "app", ProbeType.READINESS, ProbeResult.SUCCESS);
      node.clock().advance(Duration.ofSeconds(5));
      p = h.await(ns, "rdy", "ready again", x -> x.status().isReady());
      assertThat(app(p).restartCount()).isZero();
    }
  }

  @Test
  void startupProbeGatesStartedAndLiveness() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      node.runtime().setProbeResult(ns, "st", "app", ProbeType.STARTUP, ProbeResult.FAILURE);
      node.runtime().setProbeResult(ns, "st", "app", ProbeType.LIVENESS, ProbeResult.FAILURE);
      h.createPod(
          ns,
          node,
          """
          metadata: {name: st}
          spec:
            containers:
            - name: app
              image: nginx
              startupProbe: {tcpSocket: {port: 80}, periodSeconds: 10, failureThreshold: 30}
              livenessProbe: {grpc: {port: 9000}, periodSeconds: 10, failureThreshold: 1}
          """);
      Pod p = h.await(ns, "st", "running", x -> app(x) != null && app(x).state().running() != null);
      node.clock().advance(Duration.ofSeconds(30));
      p = h.get(ns, "st");
      assertThat(app(p).started()).isFalse();
      assertThat(app(p).restartCount()).isZero();
      node.runtime().setProbeResult(ns, "st", "app", ProbeType.LIVENESS, ProbeResult.SUCCESS);
      node.runtime().setProbeResult(ns, "st", "app", ProbeType.STARTUP, ProbeResult.SUCCESS);
      node.clock().advance(Duration.ofSeconds(10));
      p = h.await(ns, "st", "started and ready", x -> x.status().isReady());
      assertThat(app(p).started()).isTrue();
    }
  }
}
