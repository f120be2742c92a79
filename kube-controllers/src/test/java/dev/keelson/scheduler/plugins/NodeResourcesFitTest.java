package dev.keelson.scheduler.plugins;

import static dev.keelson.scheduler.Fixtures.node;
import static dev.keelson.scheduler.Fixtures.pod;
import static dev.keelson.scheduler.plugins.PluginTesting.filter;
import static dev.keelson.scheduler.plugins.PluginTesting.info;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.ContainerBuilder;
import dev.keelson.api.core.v1.ResourceRequirements;
import dev.keelson.api.values.Quantity;
import dev.keelson.scheduler.framework.Code;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeResourcesFitTest {
  private final NodeResourcesFit fit = new NodeResourcesFit();

  @Test
  void aPodFitsWhileRequestsStayWithinAllocatable() {
    NodeInfo n = NodeInfo.of(node("n1"), info(pod("a", "3", "4Gi")));
    assertThat(filter(fit, pod("b", "1", "4Gi"), n).isSuccess()).isTrue();
  }

  @Test
  void insufficientResourcesAreAllReportedInKubeSchedulersWords() {
    NodeInfo n = NodeInfo.of(node("n1"), info(pod("a", "3", "7Gi")));
    Status s = filter(fit, pod("b", "2", "2Gi"), n);
    assertThat(s.code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(s.reasons()).containsExactly("Insufficient cpu", "Insufficient memory");
  }

  @Test
  void aRequestLargerThanTheWholeNodeIsUnresolvable() {
    Status s = filter(fit, pod("b", "5", "1Gi"), NodeInfo.of(node("n1")));
    assertThat(s.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(s.reasons()).containsExactly("Insufficient cpu");
  }

  @Test
  void podCountIsLimitedByAllocatablePods() {
    var small = node("n1", "4", "8Gi", Map.of());
    small =
        small.withStatus(
            small
                .status()
                .withAllocatable(
                    Map.of(
                        "cpu", Quantity.parse("4"),
                        "memory", Quantity.parse("8Gi"),
                        "pods", Quantity.parse("1"))));
    NodeInfo n = NodeInfo.of(small, info(pod("a", null, null)));
    Status s = filter(fit, pod("b", null, null), n);
    assertThat(s.reasons()).containsExactly("Too many pods");
  }

  @Test
  void initContainersCountAtTheirLargestStepAndSidecarsAddUp() {
    Container bigInit = container("init", "3");
    Container sidecar = container("side", "500m").withRestartPolicy("Always");
    var p = pod("p", "1", null, s -> s.withInitContainers(List.of(sidecar, bigInit)));
    PodInfo i = PodInfo.of(p);
    // max(containers 1 + sidecar 0.5, init 3 + sidecar 0.5) = 3.5 cores
    assertThat(i.requests().milliCpu).isEqualTo(3500);
  }

  @Test
  void overheadIsAdded() {
    var p = pod("p", "1", "1Gi", s -> s.withOverhead(Map.of("cpu", Quantity.parse("250m"))));
    assertThat(PodInfo.of(p).requests().milliCpu).isEqualTo(1250);
  }

  @Test
  void extendedResourcesAreCheckedAsScalars() {
    var gpuNode = node("g", "4", "8Gi", Map.of());
    var alloc = new java.util.HashMap<>(gpuNode.status().allocatable());
    alloc.put("example.com/gpu", Quantity.parse("1"));
    gpuNode = gpuNode.withStatus(gpuNode.status().withAllocatable(alloc));
    var wants2 =
        pod(
            "p",
            null,
            null,
            s ->
                s.withContainers(
                    List.of(
                        ContainerBuilder.builder()
                            .name("c")
                            .resources(
                                new ResourceRequirements(
                                    null, Map.of("example.com/gpu", Quantity.parse("2")), null))
                            .build())));
    Status s = filter(fit, wants2, NodeInfo.of(gpuNode));
    assertThat(s.reasons()).containsExactly("Insufficient example.com/gpu");
  }

  private static Container container(String name, String cpu) {
    return ContainerBuilder.builder()
        .name(name)
        .resources(new ResourceRequirements(null, Map.of("cpu", Quantity.parse(cpu)), null))
        .build();
  }
}
