package dev.keelson.scheduler.plugins;

import static dev.keelson.scheduler.Fixtures.node;
import static dev.keelson.scheduler.Fixtures.on;
import static dev.keelson.scheduler.Fixtures.pod;
import static dev.keelson.scheduler.Fixtures.tainted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Taint;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.EventRecorder;
import dev.keelson.controller.time.Clock;
import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.FitError;
import dev.keelson.scheduler.framework.Handle;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.PostFilterResult;
import dev.keelson.scheduler.framework.Snapshot;
import dev.keelson.scheduler.framework.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultPreemptionTest {
  private final NodeResourcesFit fit = new NodeResourcesFit();
  private final TaintToleration taints = new TaintToleration();

  private final Handle handle =
      new Handle() {
        @Override
        public KubeClient client() {
          throw new AssertionError("no API calls expected");
        }

        @Override
        public EventRecorder events() {
          throw new AssertionError("no events expected");
        }

        @Override
        public Clock clock() {
          return Clock.system();
        }

        @Override
        public Status runFilters(CycleState state, PodInfo pod, NodeInfo node) {
          Status s = taints.filter(state, pod, node);
          return s.isSuccess() ? fit.filter(state, pod, node) : s.withPlugin(taints.name());
        }
      };

  @Test
  void withoutLowerPriorityPodsPreemptionFindsNoVictimsAndSaysWhy() {
    NodeInfo full = NodeInfo.of(node("a"), PodInfo.of(on(pod("x", "4", null), "a")));
    NodeInfo unreachable =
        NodeInfo.of(
            tainted(
                node("b"), new Taint("node.kubernetes.io/unreachable", null, "NoExecute", null)));
    Snapshot snap = Snapshot.of(List.of(full, unreachable));
    CycleState state = new CycleState(snap);
    PodInfo p = PodInfo.of(pod("p", "1", null));
    Map<String, Status> statuses = new HashMap<>();
    statuses.put("a", handle.runFilters(state, p, full).withPlugin(fit.name()));
    statuses.put("b", handle.runFilters(state, p, unreachable));
    PostFilterResult r = new DefaultPreemption(handle).postFilter(state, p, statuses);
    assertThat(r.status().isSuccess()).isFalse();
    assertThat(r.nominatedNode()).isNull();
    String msg =
        new FitError(2, statuses, "", "").withPostFilterMessage(r.status().message()).message();
    assertThat(msg)
        .isEqualTo(
            "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint"
                + " {node.kubernetes.io/unreachable: }. preemption: 0/2 nodes are available: 1 No"
                + " preemption victims found for incoming pod, 1 Preemption is not helpful for"
                + " scheduling.");
  }

  @Test
  void preemptionPolicyNeverIsNotEligible() {
    NodeInfo full = NodeInfo.of(node("a"), PodInfo.of(on(pod("x", "4", null), "a")));
    CycleState state = new CycleState(Snapshot.of(List.of(full)));
    PodInfo p = PodInfo.of(pod("p", "1", null, s -> s.withPreemptionPolicy("Never")));
    PostFilterResult r =
        new DefaultPreemption(handle)
            .postFilter(state, p, Map.of("a", Status.unschedulable("Insufficient cpu")));
    assertThat(r.status().message()).isEqualTo("not eligible due to preemptionPolicy=Never.");
  }
}
