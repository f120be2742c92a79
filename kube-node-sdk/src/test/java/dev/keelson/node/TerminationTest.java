package dev.keelson.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.client.Resources;
import dev.keelson.node.AgentHarness.SimNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Graceful termination: preStop, SIGTERM with what is left of the grace period, then kill. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerminationTest {
  /** The API server of the class's tests, closed after the last. */
  @RegisterExtension final AgentHarness h = new AgentHarness();

  private void awaitTimerAt(SimNode node, Instant at) {
    AgentHarness.awaitValue(
        "a timer at " + at, () -> node.clock().pendingDueTimes().contains(at) ? true : null);
  }

  /**
   * The agent forgets the pod last, after removing its containers and sandbox from the runtime: an
   * empty runtime does not mean the agent let go of the pod yet.
   */
  private static void awaitForgotten(SimNode node) {
    AgentHarness.awaitValue("pod forgotten", () -> node.agent().podCount() == 0 ? true : null);
  }

  @Test
  void deletionRunsPreStopThenStopsWithTheRestOfTheGracePeriodThenKills() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: slow, annotations: {sim.keelson.dev/stop-delay.app: "600"}}
          spec:
            terminationGracePeriodSeconds: 30
            containers:
            - name: app
              image: nginx
              lifecycle: {preStop: {sleep: {seconds: 5}}}
          """);
      h.await(ns, "slow", "ready", x -> x.status().isReady());
      Instant t0 = node.clock().instant();
      Resources<Pod> pods = h.client.resources(Pod.class).inNamespace(ns);
      pods.delete("slow", null);
      // preStop sleeps 5 s of the 30 s grace period...
      awaitTimerAt(node, t0.plusSeconds(5));
      node.clock().advance(Duration.ofSeconds(5));
      // ...then SIGTERM, and the kill comes when the remaining 25 s have passed.
      awaitTimerAt(node, t0.plusSeconds(30));
      node.clock().advance(Duration.ofSeconds(24));
      assertThat(pods.get("slow").metadata().deletionTimestamp()).isNotNull();
      assertThat(node.runtime().listContainers(null)).hasSize(1);
      node.clock().advance(Duration.ofSeconds(1));
      AgentHarness.awaitValue(
          "pod deleted",
          () -> {
            try {
              pods.get("slow");
              return null;
            } catch (NotFoundException e) {
              return true;
            }
          });
      AgentHarness.awaitValue(
          "runtime cleaned up", () -> node.runtime().sandboxCount() == 0 ? true : null);
      assertThat(node.runtime().containerCount()).isZero();
      awaitForgotten(node);
    }
  }

  @Test
  void containerThatExitsOnSigtermEndsTheGracePeriodEarly() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: quick, annotations: {sim.keelson.dev/stop-delay.app: "3"}}
          spec:
            terminationGracePeriodSeconds: 30
            containers: [{name: app, image: nginx}]
          """);
      h.await(ns, "quick", "ready", x -> x.status().isReady());
      Instant t0 = node.clock().instant();
      Resources<Pod> pods = h.client.resources(Pod.class).inNamespace(ns);
      pods.delete("quick", null);
      awaitTimerAt(node, t0.plusSeconds(3));
      node.clock().advance(Duration.ofSeconds(3));
      AgentHarness.awaitValue(
          "pod deleted",
          () -> {
            try {
              pods.get("quick");
              return null;
            } catch (NotFoundException e) {
              return true;
            }
          });
    }
  }

  @Test
  void aPodDeletedWithGraceZeroFromTheApiIsStoppedAndForgotten() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: forced}
          spec:
            containers: [{name: app, image: nginx}]
          """);
      h.await(ns, "forced", "ready", x -> x.status().isReady());
      Resources<Pod> pods = h.client.resources(Pod.class).inNamespace(ns);
      pods.delete(
          "forced", new dev.keelson.api.meta.DeleteOptions(null, null, 0L, null, null, null, null));
      assertThatThrownBy(() -> pods.get("forced")).isInstanceOf(NotFoundException.class);
      AgentHarness.awaitValue(
          "runtime cleaned up", () -> node.runtime().sandboxCount() == 0 ? true : null);
      awaitForgotten(node);
    }
  }
}
