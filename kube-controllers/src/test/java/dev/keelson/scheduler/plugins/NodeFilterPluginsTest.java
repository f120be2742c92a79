package dev.keelson.scheduler.plugins;

import static dev.keelson.scheduler.Fixtures.node;
import static dev.keelson.scheduler.Fixtures.pod;
import static dev.keelson.scheduler.Fixtures.tainted;
import static dev.keelson.scheduler.plugins.PluginTesting.filter;
import static dev.keelson.scheduler.plugins.PluginTesting.scores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Affinity;
import dev.keelson.api.core.v1.NodeSelector;
import dev.keelson.api.core.v1.NodeSelectorRequirement;
import dev.keelson.api.core.v1.NodeSelectorTerm;
import dev.keelson.api.core.v1.PreferredSchedulingTerm;
import dev.keelson.api.core.v1.Taint;
import dev.keelson.api.core.v1.Toleration;
import dev.keelson.scheduler.framework.Code;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeFilterPluginsTest {

  @Test
  void nodeNameRejectsOtherNodes() {
    var p = dev.keelson.scheduler.Fixtures.on(pod("p", "1", null), "n2");
    assertThat(filter(new NodeName(), p, NodeInfo.of(node("n1"))).reasons())
        .containsExactly("node(s) didn't match the requested node name");
    assertThat(filter(new NodeName(), p, NodeInfo.of(node("n2"))).isSuccess()).isTrue();
  }

  @Test
  void unschedulableNodesAreRejectedUnlessTolerated() {
    var n = node("n1");
    n = n.withSpec(n.spec().withUnschedulable(true));
    Status s = filter(new NodeUnschedulable(), pod("p", "1", null), NodeInfo.of(n));
    assertThat(s.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(s.reasons()).containsExactly("node(s) were unschedulable");
    var tolerating =
        pod(
            "p",
            "1",
            null,
            spec ->
                spec.withTolerations(
                    List.of(
                        new Toleration(
                            "node.kubernetes.io/unschedulable",
                            "Exists",
                            null,
                            "NoSchedule",
                            null))));
    assertThat(filter(new NodeUnschedulable(), tolerating, NodeInfo.of(n)).isSuccess()).isTrue();
  }

  @Test
  void untoleratedNoScheduleAndNoExecuteTaintsRejectWithKeyAndValue() {
    var n =
        tainted(node("n1"), new Taint("node.kubernetes.io/unreachable", null, "NoExecute", null));
    Status s = filter(new TaintToleration(), pod("p", "1", null), NodeInfo.of(n));
    assertThat(s.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(s.reasons())
        .containsExactly("node(s) had untolerated taint {node.kubernetes.io/unreachable: }");
    var gpu = tainted(node("g"), new Taint("gpu", "true", "NoSchedule", null));
    assertThat(filter(new TaintToleration(), pod("p", "1", null), NodeInfo.of(gpu)).reasons())
        .containsExactly("node(s) had untolerated taint {gpu: true}");
    var tolerant =
        pod(
            "p",
            "1",
            null,
            spec -> spec.withTolerations(List.of(new Toleration("gpu", null, "true", null, null))));
    assertThat(filter(new TaintToleration(), tolerant, NodeInfo.of(gpu)).isSuccess()).isTrue();
    var wrongValue =
        pod(
            "p",
            "1",
            null,
            spec ->
                spec.withTolerations(List.of(new Toleration("gpu", "Equal", "no", null, null))));
    assertThat(filter(new TaintToleration(), wrongValue, NodeInfo.of(gpu)).isSuccess()).isFalse();
  }

  @Test
  void preferNoScheduleTaintsOnlyLowerTheScore() {
    var clean = NodeInfo.of(node("a"));
    var soft = NodeInfo.of(tainted(node("b"), new Taint("spot", "", "PreferNoSchedule", null)));
    assertThat(filter(new TaintToleration(), pod("p", "1", null), soft).isSuccess()).isTrue();
    assertThat(scores(new TaintToleration(), pod("p", "1", null), clean, soft))
        .containsExactly(100, 0);
  }

  @Test
  void nodeSelectorMustMatchAllLabels() {
    var ssd = NodeInfo.of(node("a", "4", "8Gi", Map.of("disk", "ssd", "zone", "z1")));
    var hdd = NodeInfo.of(node("b", "4", "8Gi", Map.of("disk", "hdd")));
    var p = pod("p", "1", null, s -> s.withNodeSelector(Map.of("disk", "ssd")));
    assertThat(filter(new NodeAffinity(), p, ssd).isSuccess()).isTrue();
    Status s = filter(new NodeAffinity(), p, hdd);
    assertThat(s.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(s.reasons()).containsExactly("node(s) didn't match Pod's node affinity/selector");
  }

  @Test
  void requiredNodeAffinityTermsAreOredAndTheirExpressionsAnded() {
    var z1 = NodeInfo.of(node("a", "4", "8Gi", Map.of("zone", "z1", "gen", "5")));
    var z2 = NodeInfo.of(node("b", "4", "8Gi", Map.of("zone", "z2", "gen", "3")));
    var z3 = NodeInfo.of(node("c", "4", "8Gi", Map.of("zone", "z3")));
    NodeSelectorTerm inZ1AndNew =
        new NodeSelectorTerm(
            List.of(
                new NodeSelectorRequirement("zone", "In", List.of("z1")),
                new NodeSelectorRequirement("gen", "Gt", List.of("4"))),
            null);
    NodeSelectorTerm notZ1NorZ2 =
        new NodeSelectorTerm(
            List.of(new NodeSelectorRequirement("zone", "NotIn", List.of("z1", "z2"))), null);
    var p =
        pod(
            "p",
            "1",
            null,
            s ->
                s.withAffinity(
                    new Affinity(
                        new dev.keelson.api.core.v1.NodeAffinity(
                            new NodeSelector(List.of(inZ1AndNew, notZ1NorZ2)), null),
                        null,
                        null)));
    assertThat(filter(new NodeAffinity(), p, z1).isSuccess()).isTrue();
    assertThat(filter(new NodeAffinity(), p, z2).isSuccess()).isFalse();
    assertThat(filter(new NodeAffinity(), p, z3).isSuccess()).isTrue();
  }

  @Test
  void preferredNodeAffinityScoresByMatchedWeights() {
    var a = NodeInfo.of(node("a", "4", "8Gi", Map.of("zone", "z1", "disk", "ssd")));
    var b = NodeInfo.of(node("b", "4", "8Gi", Map.of("zone", "z1")));
    var c = NodeInfo.of(node("c", "4", "8Gi", Map.of()));
    NodeSelectorTerm z1 =
        new NodeSelectorTerm(
            List.of(new NodeSelectorRequirement("zone", "In", List.of("z1"))), null);
    NodeSelectorTerm ssd =
        new NodeSelectorTerm(List.of(new NodeSelectorRequirement("disk", "Exists", null)), null);
    var p =
        pod(
            "p",
            "1",
            null,
            s ->
                s.withAffinity(
                    new Affinity(
                        new dev.keelson.api.core.v1.NodeAffinity(
                            null,
                            List.of(
                                new PreferredSchedulingTerm(20, z1),
                                new PreferredSchedulingTerm(80, ssd))),
                        null,
                        null)));
    assertThat(scores(new NodeAffinity(), p, a, b, c)).containsExactly(100, 20, 0);
  }
}
