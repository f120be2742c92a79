package dev.keelson.node.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.core.v1.NodeCondition;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.node.NodeAgentConfig;
import dev.keelson.node.simulated.SettableNodeStats;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kubelet's hard eviction thresholds turned into node pressure conditions. */
class PressureConditionsTest {
  private final FakeClock clock = new FakeClock();
  private final SettableNodeStats stats = new SettableNodeStats();

  private PressureConditions pressure(Map<String, String> thresholds) {
    return new PressureConditions(stats, thresholds, clock, Duration.ofMinutes(5));
  }

  private static List<String> show(List<NodeCondition> cs) {
    return cs.stream().map(c -> c.type() + "=" + c.status() + "/" + c.reason()).toList();
  }

  @Test
  void plentyOfEverythingIsNoPressure() {
    assertThat(show(pressure(NodeAgentConfig.DEFAULT_EVICTION_HARD).conditions()))
        .containsExactly(
            "MemoryPressure=False/KubeletHasSufficientMemory",
            "DiskPressure=False/KubeletHasNoDiskPressure",
            "PIDPressure=False/KubeletHasSufficientPID");
  }

  @Test
  void memoryBelow100MiIsMemoryPressureUntilTheTransitionPeriodPassed() {
    PressureConditions p = pressure(NodeAgentConfig.DEFAULT_EVICTION_HARD);
    stats.memoryAvailable((100L << 20) - 1);
    NodeCondition mem = p.conditions().get(0);
    assertThat(mem.status()).isEqualTo("True");
    assertThat(mem.reason()).isEqualTo("KubeletHasInsufficientMemory");
    assertThat(mem.message()).isEqualTo("kubelet has insufficient memory available");
    stats.memoryAvailable(100L << 20);
    clock.advance(Duration.ofMinutes(4).plusSeconds(59));
    assertThat(p.conditions().get(0).status()).isEqualTo("True");
    clock.advance(Duration.ofSeconds(1));
    assertThat(p.conditions().get(0).status()).isEqualTo("False");
  }

  @Test
  void nodefsBytesAndInodesArePercentagesOfCapacity() {
    PressureConditions p = pressure(NodeAgentConfig.DEFAULT_EVICTION_HARD);
    stats.nodefsAvailable(10L << 30); // exactly 10% of 100 GiB: not below
    assertThat(p.conditions().get(1).status()).isEqualTo("False");
    stats.nodefsAvailable((10L << 30) - 1);
    assertThat(show(p.conditions()).get(1)).isEqualTo("DiskPressure=True/KubeletHasDiskPressure");
    assertThat(p.conditions().get(1).message()).isEqualTo("kubelet has disk pressure");

    stats.nodefsAvailable(50L << 30);
    clock.advance(Duration.ofMinutes(5));
    assertThat(p.conditions().get(1).status()).isEqualTo("False");
    stats.nodefsInodesFree(49_999); // below 5% of 1,000,000
    assertThat(p.conditions().get(1).status()).isEqualTo("True");
  }

  @Test
  void pidPressureNeedsAThresholdAndFlipsWithTheProcessCount() {
    stats.processCount(4_190_000);
    assertThat(pressure(NodeAgentConfig.DEFAULT_EVICTION_HARD).conditions().get(2).status())
        .as("kubelet has no default pid.available threshold")
        .isEqualTo("False");
    Map<String, String> t = new HashMap<>(NodeAgentConfig.DEFAULT_EVICTION_HARD);
    t.put("pid.available", "10%");
    NodeCondition pid = pressure(t).conditions().get(2);
    assertThat(show(List.of(pid))).containsExactly("PIDPressure=True/KubeletHasInsufficientPID");
    assertThat(pid.message()).isEqualTo("kubelet has insufficient PID available");
  }

  @Test
  void unknownSignalsAndBadThresholdsAreRefused() {
    assertThatThrownBy(() -> pressure(Map.of("cpu.available", "1")))
        .hasMessage("unknown eviction signal: cpu.available");
    assertThatThrownBy(() -> pressure(Map.of("nodefs.available", "120%")))
        .hasMessageContaining("out of range");
  }

  @Test
  void linuxReadingsAreSaneOnThisMachine() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        LinuxNodeStats.available(), "needs /proc/meminfo (Linux)");
    var s =
        new LinuxNodeStats(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))).summary();
    assertThat(s.memoryCapacityBytes()).isPositive();
    assertThat(s.memoryAvailableBytes()).isBetween(0L, s.memoryCapacityBytes());
    assertThat(s.nodefsCapacityBytes()).isPositive();
    assertThat(s.nodefsAvailableBytes()).isBetween(0L, s.nodefsCapacityBytes());
    assertThat(s.pidMax()).isPositive();
    assertThat(s.processCount()).isPositive();
  }
}
