package dev.keelson.scheduler.plugins;

import static dev.keelson.scheduler.Fixtures.labeled;
import static dev.keelson.scheduler.Fixtures.node;
import static dev.keelson.scheduler.Fixtures.on;
import static dev.keelson.scheduler.Fixtures.pod;
import static dev.keelson.scheduler.plugins.PluginTesting.filter;
import static dev.keelson.scheduler.plugins.PluginTesting.info;
import static dev.keelson.scheduler.plugins.PluginTesting.scores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.TopologySpreadConstraint;
import dev.keelson.api.meta.LabelSelector;
import dev.keelson.scheduler.framework.Code;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodTopologySpreadTest {
  private final PodTopologySpread plugin = new PodTopologySpread();

  private static Pod app(String name) {
    return labeled(pod(name, "100m", null), Map.of("app", "web"));
  }

  private static Pod spread(String when, int maxSkew, Integer minDomains) {
    TopologySpreadConstraint c =
        new TopologySpreadConstraint(
            maxSkew,
            "zone",
            when,
            new LabelSelector(Map.of("app", "web"), null),
            minDomains,
            null,
            null,
            null);
    return labeled(
        pod("new", "100m", null, s -> s.withTopologySpreadConstraints(List.of(c))),
        Map.of("app", "web"));
  }

  private static NodeInfo zoneNode(String name, String zone, Pod... pods) {
    NodeInfo n = NodeInfo.of(node(name, "4", "8Gi", Map.of("zone", zone)));
    for (Pod p : pods) {
      n.addPod(info(on(p, name)));
    }
    return n;
  }

  @Test
  void doNotScheduleRejectsADomainThatWouldExceedMaxSkew() {
    NodeInfo a = zoneNode("a", "z1", app("w1"), app("w2"));
    NodeInfo b = zoneNode("b", "z2", app("w3"));
    Status onA = filter(plugin, spread("DoNotSchedule", 1, null), a, b);
    assertThat(onA.code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(onA.reasons())
        .containsExactly("node(s) didn't match pod topology spread constraints");
    assertThat(filter(plugin, spread("DoNotSchedule", 1, null), b, a).isSuccess()).isTrue();
    assertThat(filter(plugin, spread("DoNotSchedule", 2, null), a, b).isSuccess()).isTrue();
  }

  @Test
  void aNodeWithoutTheTopologyLabelIsUnresolvable() {
    NodeInfo bare = NodeInfo.of(node("x"));
    Status s = filter(plugin, spread("DoNotSchedule", 1, null), bare, zoneNode("a", "z1"));
    assertThat(s.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(s.reasons())
        .containsExactly(
            "node(s) didn't match pod topology spread constraints (missing required label)");
  }

  @Test
  void minDomainsTreatsTheGlobalMinimumAsZeroWhileDomainsAreMissing() {
    NodeInfo a = zoneNode("a", "z1", app("w1"));
    NodeInfo b = zoneNode("b", "z2", app("w2"));
    // two domains each with 1: skew on either = 1 + 1 - 1 = 1 <= 1
    assertThat(filter(plugin, spread("DoNotSchedule", 1, null), a, b).isSuccess()).isTrue();
    // minDomains 3 > 2 domains: min counts as 0, skew = 2 > 1
    assertThat(filter(plugin, spread("DoNotSchedule", 1, 3), a, b).isSuccess()).isFalse();
  }

  @Test
  void scheduleAnywayScoresEmptierDomainsHigher() {
    NodeInfo a = zoneNode("a", "z1", app("w1"), app("w2"));
    NodeInfo b = zoneNode("b", "z2");
    Pod p = spread("ScheduleAnyway", 1, null);
    assertThat(filter(plugin, p, a, b).isSuccess()).isTrue();
    long[] s = scores(plugin, p, a, b);
    assertThat(s[1]).isEqualTo(100);
    assertThat(s[0]).isLessThan(s[1]);
  }

  @Test
  void podsOfOtherNamespacesOrLabelsDoNotCount() {
    Pod other = labeled(pod("o", "100m", null), Map.of("app", "db"));
    Pod elsewhere = app("e").withMetadata(app("e").metadata().withNamespace("other"));
    NodeInfo a = zoneNode("a", "z1", other, elsewhere);
    NodeInfo b = zoneNode("b", "z2");
    assertThat(filter(plugin, spread("DoNotSchedule", 1, null), a, b).isSuccess()).isTrue();
  }
}
