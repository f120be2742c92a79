package dev.keelson.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeCondition;
import dev.keelson.node.AgentHarness.SimNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Node pressure conditions follow the node's stats: posted at the next status update (10 s) when
 * they change, and released only after the 5 min pressure transition period.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodePressureTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /** The API server of the class's tests, closed after the last. */
  @RegisterExtension final AgentHarness h = new AgentHarness();

  private NodeCondition awaitCondition(SimNode sim, String type, String status) {
    return AgentHarness.awaitValue(
        type + "=" + status,
        () -> {
          NodeCondition c = h.client.resources(Node.class).get(sim.name()).status().condition(type);
          return c != null && status.equals(c.status()) ? c : null;
        });
  }

  @Test
  void memoryDiskAndPidPressureFlipWithTheStats() {
    try (SimNode sim = h.node(b -> b.evictionHard("pid.available", "1%"))) {
      awaitCondition(sim, "MemoryPressure", "False");
      sim.stats().memoryAvailable(50L << 20);
      sim.stats().nodefsAvailable(1L << 30);
      sim.stats().processCount(4_190_000);
      sim.clock().advance(Duration.ofSeconds(10));
      NodeCondition mem = awaitCondition(sim, "MemoryPressure", "True");
      assertThat(mem.reason()).isEqualTo("KubeletHasInsufficientMemory");
      assertThat(mem.message()).isEqualTo("kubelet has insufficient memory available");
      assertThat(mem.lastTransitionTime()).isEqualTo(T0.plusSeconds(10));
      NodeCondition disk = awaitCondition(sim, "DiskPressure", "True");
      assertThat(disk.reason()).isEqualTo("KubeletHasDiskPressure");
      NodeCondition pid = awaitCondition(sim, "PIDPressure", "True");
      assertThat(pid.reason()).isEqualTo("KubeletHasInsufficientPID");
      assertThat(
              h.client.resources(Node.class).get(sim.name()).status().condition("Ready").status())
          .isEqualTo("True");

      sim.stats().memoryAvailable(4L << 30);
      sim.clock().advance(Duration.ofMinutes(4));
      assertThat(
              h.client
                  .resources(Node.class)
                  .get(sim.name())
                  .status()
                  .condition("MemoryPressure")
                  .status())
          .as("still within the transition period")
          .isEqualTo("True");
      sim.clock().advance(Duration.ofMinutes(1).plusSeconds(10));
      NodeCondition released = awaitCondition(sim, "MemoryPressure", "False");
      assertThat(released.reason()).isEqualTo("KubeletHasSufficientMemory");
      assertThat(
              h.client
                  .resources(Node.class)
                  .get(sim.name())
                  .status()
                  .condition("DiskPressure")
                  .status())
          .isEqualTo("True");
    }
  }
}
