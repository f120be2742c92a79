package dev.keelson.scheduler.internal;

import static dev.keelson.scheduler.Fixtures.node;
import static dev.keelson.scheduler.Fixtures.on;
import static dev.keelson.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.Snapshot;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {
  private final SchedulerCache cache = new SchedulerCache();
  private final Snapshot snapshot = new Snapshot();

  @Test
  void assumedPodsCountUntilForgotten() {
    cache.addOrUpdateNode(node("a"));
    cache.assume(PodInfo.of(on(pod("p", "1", "1Gi"), "a")), "a");
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.get("a").requested().milliCpu).isEqualTo(1000);
    assertThat(cache.isAssumed("default/p")).isTrue();
    assertThat(cache.forget("default/p")).isTrue();
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.get("a").requested().milliCpu).isZero();
  }

  @Test
  void theInformerConfirmsAnAssumedPodOnTheNodeItReallyWentTo() {
    cache.addOrUpdateNode(node("a"));
    cache.addOrUpdateNode(node("b"));
    cache.assume(PodInfo.of(on(pod("p", "1", null), "a")), "a");
    cache.addOrUpdatePod(on(pod("p", "1", null), "b"));
    assertThat(cache.isAssumed("default/p")).isFalse();
    assertThat(cache.forget("default/p")).isFalse();
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.get("a").pods()).isEmpty();
    assertThat(snapshot.get("b").pods()).extracting(PodInfo::key).containsExactly("default/p");
  }

  @Test
  void snapshotsCopyOnlyChangedNodesAndAreNotChangedByTheCacheAfterwards() {
    cache.addOrUpdateNode(node("a"));
    cache.addOrUpdateNode(node("b"));
    cache.updateSnapshot(snapshot);
    NodeInfo b = snapshot.get("b");
    cache.addOrUpdatePod(on(pod("p", "1", null), "a"));
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.get("b")).isSameAs(b);
    NodeInfo a = snapshot.get("a");
    cache.removePod("default/p");
    assertThat(a.pods()).hasSize(1);
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.get("a").pods()).isEmpty();
  }

  @Test
  void removedNodesLeaveTheSnapshot() {
    cache.addOrUpdateNode(node("a"));
    cache.addOrUpdateNode(node("b"));
    cache.updateSnapshot(snapshot);
    cache.removeNode("a");
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.nodes()).extracting(NodeInfo::name).containsExactly("b");
    assertThat(snapshot.get("b").name()).isEqualTo("b");
  }
}
