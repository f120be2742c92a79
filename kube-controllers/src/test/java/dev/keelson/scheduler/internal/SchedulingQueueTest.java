package dev.keelson.scheduler.internal;

import static dev.keelson.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.scheduler.framework.ClusterEvent;
import dev.keelson.scheduler.plugins.NodeResourcesFit;
import dev.keelson.scheduler.plugins.TaintToleration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulingQueueTest {
  private final FakeClock clock = new FakeClock();
  private final SchedulingQueue queue =
      new SchedulingQueue(
          clock,
          Duration.ofSeconds(1),
          Duration.ofSeconds(10),
          Duration.ofMinutes(5),
          Map.of(
              NodeResourcesFit.NAME, new NodeResourcesFit().events(),
              TaintToleration.NAME, new TaintToleration().events()));

  @AfterEach
  void close() {
    queue.close();
  }

  private static Pod prio(String name, int priority) {
    return pod(name, "1", null, s -> s.withPriority(priority));
  }

  private QueuedPod pop() throws InterruptedException {
    return queue.pop(Duration.ZERO);
  }

  @Test
  void activeQOrdersByPriorityThenByQueueTime() throws Exception {
    queue.add(prio("low", 0));
    clock.advance(Duration.ofMillis(1));
    queue.add(prio("high", 1000));
    clock.advance(Duration.ofMillis(1));
    queue.add(prio("low2", 0));
    assertThat(pop().info().key()).isEqualTo("default/high");
    assertThat(pop().info().key()).isEqualTo("default/low");
    assertThat(pop().info().key()).isEqualTo("default/low2");
    assertThat(pop()).isNull();
  }

  @Test
  void backoffDoublesFromOneSecondToTenSeconds() {
    assertThat(queue.backoffNanos(1)).isEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(queue.backoffNanos(2)).isEqualTo(Duration.ofSeconds(2).toNanos());
    assertThat(queue.backoffNanos(4)).isEqualTo(Duration.ofSeconds(8).toNanos());
    assertThat(queue.backoffNanos(5)).isEqualTo(Duration.ofSeconds(10).toNanos());
    assertThat(queue.backoffNanos(30)).isEqualTo(Duration.ofSeconds(10).toNanos());
  }

  @Test
  void aRejectedPodWaitsForAnEventItsPluginsRegistered() throws Exception {
    queue.start();
    queue.add(pod("p", "1", null));
    QueuedPod q = pop();
    long cycle = queue.schedulingCycle();
    q.setUnschedulablePlugins(Set.of(NodeResourcesFit.NAME));
    queue.addUnschedulableIfNotPresent(q, cycle);
    assertThat(queue.whereIs("default/p")).isEqualTo("unschedulable");
    clock.advance(Duration.ofSeconds(20));
    assertThat(queue.whereIs("default/p")).isEqualTo("unschedulable");
    // NodeResourcesFit does not care about a wildcard-free event it did not register
    queue.moveAllToActiveOrBackoff(
        new ClusterEvent(ClusterEvent.Kind.ASSIGNED_POD, ClusterEvent.Action.ADD));
    assertThat(queue.whereIs("default/p")).isEqualTo("unschedulable");
    queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_ADD);
    assertThat(queue.whereIs("default/p")).isEqualTo("active");
  }

  @Test
  void aPodMovedWhileBackingOffWaitsOutItsBackoff() throws Exception {
    queue.start();
    queue.add(pod("p", "1", null));
    QueuedPod q = pop();
    q.setUnschedulablePlugins(Set.of(TaintToleration.NAME));
    queue.addUnschedulableIfNotPresent(q, queue.schedulingCycle());
    queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_UPDATE);
    assertThat(queue.whereIs("default/p")).isEqualTo("backoff");
    clock.advance(Duration.ofSeconds(1));
    assertThat(queue.whereIs("default/p")).isEqualTo("active");
  }

  @Test
  void anEventDuringThePodsCycleSendsItToBackoffInsteadOfWaiting() throws Exception {
    queue.start();
    queue.add(pod("p", "1", null));
    QueuedPod q = pop();
    long cycle = queue.schedulingCycle();
    queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_ADD); // while p is being scheduled
    q.setUnschedulablePlugins(Set.of(NodeResourcesFit.NAME));
    queue.addUnschedulableIfNotPresent(q, cycle);
    assertThat(queue.whereIs("default/p")).isEqualTo("backoff");
  }

  @Test
  void unschedulablePodsAreRetriedAfterFiveMinutesWithoutEvents() throws Exception {
    queue.start();
    queue.add(pod("p", "1", null));
    QueuedPod q = pop();
    q.setUnschedulablePlugins(Set.of(NodeResourcesFit.NAME));
    queue.addUnschedulableIfNotPresent(q, queue.schedulingCycle());
    clock.advance(Duration.ofMinutes(4));
    assertThat(queue.whereIs("default/p")).isEqualTo("unschedulable");
    clock.advance(Duration.ofMinutes(1).plusSeconds(30));
    assertThat(queue.whereIs("default/p")).isEqualTo("active");
  }

  @Test
  void errorsGoToBackoffWithGrowingDelays() throws Exception {
    queue.start();
    queue.add(pod("p", "1", null));
    for (int attempt = 1; attempt <= 3; attempt++) {
      QueuedPod q = pop();
      assertThat(q.attempts()).isEqualTo(attempt);
      q.setUnschedulablePlugins(Set.of());
      queue.addUnschedulableIfNotPresent(q, queue.schedulingCycle());
      assertThat(queue.whereIs("default/p")).isEqualTo("backoff");
      long backoffSeconds = 1L << (attempt - 1);
      clock.advance(Duration.ofSeconds(backoffSeconds).minusMillis(1));
      queue.flushBackoffCompleted();
      assertThat(queue.whereIs("default/p")).isEqualTo("backoff");
      clock.advance(Duration.ofSeconds(1));
      assertThat(queue.whereIs("default/p")).isEqualTo("active");
    }
  }

  @Test
  void deleteRemovesThePodWherever() throws Exception {
    queue.add(pod("a", "1", null));
    queue.delete("default/a");
    assertThat(pop()).isNull();
    assertThat(queue.counts()).isEqualTo(new SchedulingQueue.Counts(0, 0, 0, 0));
    assertThat(List.of(queue.whereIs("default/a"))).containsExactly("none");
  }

  @Test
  void aStatusOnlyUpdateLeavesAnUnschedulablePodWaitingButASpecChangeMovesIt() throws Exception {
    queue.start();
    Pod p = pod("p", "1", null);
    queue.add(p);
    QueuedPod q = pop();
    q.setUnschedulablePlugins(Set.of(NodeResourcesFit.NAME));
    queue.addUnschedulableIfNotPresent(q, queue.schedulingCycle());
    Pod withCondition =
        p.withStatus(dev.keelson.api.core.v1.PodStatusBuilder.builder().phase("Pending").build());
    queue.update(withCondition);
    assertThat(queue.whereIs("default/p")).isEqualTo("unschedulable");
    queue.update(withCondition.withSpec(withCondition.spec().withPriority(5)));
    assertThat(queue.whereIs("default/p")).isIn("active", "backoff");
  }
}
