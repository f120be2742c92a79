package dev.keelson.scheduler.plugins;

import static dev.keelson.scheduler.Fixtures.node;
import static dev.keelson.scheduler.Fixtures.pod;
import static dev.keelson.scheduler.plugins.PluginTesting.info;
import static dev.keelson.scheduler.plugins.PluginTesting.scores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.scheduler.framework.NodeInfo;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceScoringTest {

  @Test
  void leastAllocatedFavoursTheEmptierNode() {
    var empty = NodeInfo.of(node("a", "4", "8Gi", Map.of()));
    var half = NodeInfo.of(node("b", "4", "8Gi", Map.of()), info(pod("x", "2", "4Gi")));
    long[] s = scores(new NodeResourcesLeastAllocated(), pod("p", "1", "2Gi"), empty, half);
    // empty: cpu (4-1)/4=75, mem (8-2)/8=75 -> 75; half: cpu 1/4=25, mem 2/8=25 -> 25
    assertThat(s).containsExactly(75, 25);
  }

  @Test
  void requestsWithoutValuesCountWithKubeSchedulersDefaults() {
    var n = NodeInfo.of(node("a", "1", "1Gi", Map.of()));
    long[] s = scores(new NodeResourcesLeastAllocated(), pod("p", null, null), n);
    // cpu (1000-100)/1000 = 90, memory (1024Mi-200Mi)/1024Mi = 80 -> 85
    assertThat(s).containsExactly(85);
  }

  @Test
  void balancedAllocationFavoursEvenCpuAndMemoryUse() {
    var cpuHeavy = NodeInfo.of(node("a", "4", "8Gi", Map.of()), info(pod("x", "3", "1Gi")));
    var even = NodeInfo.of(node("b", "4", "8Gi", Map.of()), info(pod("y", "1", "2Gi")));
    long[] s = scores(new NodeResourcesBalancedAllocation(), pod("p", "1", "2Gi"), cpuHeavy, even);
    // cpuHeavy: cpu 4/4=1, mem 3/8 -> 1 - 0.3125 = 68; even: 2/4, 4/8 -> 100
    assertThat(s).containsExactly(68, 100);
  }
}
