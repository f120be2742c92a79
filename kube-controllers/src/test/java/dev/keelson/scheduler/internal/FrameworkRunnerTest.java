package dev.keelson.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameworkRunnerTest {

  @Test
  void numFeasibleNodesToFindFollowsKubeSchedulersAdaptivePercentage() {
    assertThat(FrameworkRunner.numFeasibleNodesToFind(0, 50)).isEqualTo(50);
    assertThat(FrameworkRunner.numFeasibleNodesToFind(0, 100)).isEqualTo(100); // 49% -> 100 min
    assertThat(FrameworkRunner.numFeasibleNodesToFind(0, 1000)).isEqualTo(420); // 42%
    assertThat(FrameworkRunner.numFeasibleNodesToFind(0, 5000)).isEqualTo(500); // 10%
    assertThat(FrameworkRunner.numFeasibleNodesToFind(0, 10000)).isEqualTo(500); // 5% floor
    assertThat(FrameworkRunner.numFeasibleNodesToFind(30, 1000)).isEqualTo(300);
    assertThat(FrameworkRunner.numFeasibleNodesToFind(100, 5000)).isEqualTo(5000);
  }
}
