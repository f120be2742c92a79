package dev.keelson.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.scheduler.framework.FitError;
import dev.keelson.scheduler.framework.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FitErrorTest {

  @Test
  void reasonsAreCountedPerNodeAndSortedAsStrings() {
    Map<String, Status> statuses =
        Map.of(
            "a", Status.unschedulable("Insufficient cpu").withPlugin("NodeResourcesFit"),
            "b",
                Status.unresolvable(
                        "node(s) had untolerated taint {node.kubernetes.io/unreachable: }")
                    .withPlugin("TaintToleration"),
            "c",
                Status.unresolvable(
                        "node(s) had untolerated taint {node.kubernetes.io/unreachable: }")
                    .withPlugin("TaintToleration"));
    FitError e = new FitError(3, statuses, "", "");
    assertThat(e.message())
        .isEqualTo(
            "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint"
                + " {node.kubernetes.io/unreachable: }.");
    assertThat(e.unschedulablePlugins()).containsExactly("NodeResourcesFit", "TaintToleration");
  }

  @Test
  void aNodeWithSeveralReasonsCountsForEach() {
    FitError e =
        new FitError(
            1,
            Map.of("a", Status.unschedulable("Insufficient cpu", "Insufficient memory")),
            "",
            "");
    assertThat(e.message())
        .isEqualTo("0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.");
  }

  @Test
  void aPreFilterRejectionReplacesTheHistogram() {
    FitError e = new FitError(5, Map.of(), "invalid pod affinity term: x", "");
    assertThat(e.message()).isEqualTo("0/5 nodes are available: invalid pod affinity term: x.");
  }
}
