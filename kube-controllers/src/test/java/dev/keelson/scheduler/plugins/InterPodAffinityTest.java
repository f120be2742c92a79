package dev.keelson.scheduler.plugins;

import static dev.keelson.scheduler.Fixtures.labeled;
import static dev.keelson.scheduler.Fixtures.node;
import static dev.keelson.scheduler.Fixtures.on;
import static dev.keelson.scheduler.Fixtures.pod;
import static dev.keelson.scheduler.plugins.PluginTesting.filter;
import static dev.keelson.scheduler.plugins.PluginTesting.info;
import static dev.keelson.scheduler.plugins.PluginTesting.scores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Affinity;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodAffinity;
import dev.keelson.api.core.v1.PodAffinityTerm;
import dev.keelson.api.core.v1.PodAntiAffinity;
import dev.keelson.api.core.v1.WeightedPodAffinityTerm;
import dev.keelson.api.meta.LabelSelector;
import dev.keelson.scheduler.framework.Code;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterPodAffinityTest {
  private final InterPodAffinity plugin = new InterPodAffinity();

  private static PodAffinityTerm term(String app, String key) {
    return new PodAffinityTerm(
        new LabelSelector(Map.of("app", app), null), null, key, null, null, null);
  }

  private static Pod withAffinity(String name, Map<String, String> labels, Affinity a) {
    return labeled(pod(name, "100m", null, s -> s.withAffinity(a)), labels);
  }

  private static NodeInfo zoneNode(String name, String zone, Pod... pods) {
    NodeInfo n = NodeInfo.of(node(name, "4", "8Gi", Map.of("zone", zone)));
    for (Pod p : pods) {
      n.addPod(info(on(p, name)));
    }
    return n;
  }

  private static Pod db(String name) {
    return labeled(pod(name, "100m", null), Map.of("app", "db"));
  }

  @Test
  void requiredAffinityNeedsAMatchingPodInTheNodesDomain() {
    Pod p =
        withAffinity(
            "web",
            Map.of("app", "web"),
            new Affinity(null, new PodAffinity(List.of(term("db", "zone")), null), null));
    NodeInfo withDb = zoneNode("a", "z1", db("db1"));
    NodeInfo sameZone = zoneNode("b", "z1");
    NodeInfo otherZone = zoneNode("c", "z2");
    assertThat(filter(plugin, p, withDb, otherZone).isSuccess()).isTrue();
    assertThat(filter(plugin, p, sameZone, withDb).isSuccess()).isTrue();
    Status s = filter(plugin, p, otherZone, withDb);
    assertThat(s.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(s.reasons()).containsExactly("node(s) didn't match pod affinity rules");
  }

  @Test
  void theFirstPodOfAGroupMayMatchItsOwnAffinity() {
    Pod first =
        withAffinity(
            "w1",
            Map.of("app", "web"),
            new Affinity(null, new PodAffinity(List.of(term("web", "zone")), null), null));
    assertThat(filter(plugin, first, zoneNode("a", "z1"), zoneNode("b", "z2")).isSuccess())
        .isTrue();
  }

  @Test
  void requiredAntiAffinityKeepsThePodOutOfDomainsWithMatchingPods() {
    Pod p =
        withAffinity(
            "web",
            Map.of("app", "web"),
            new Affinity(null, null, new PodAntiAffinity(List.of(term("db", "zone")), null)));
    NodeInfo withDb = zoneNode("a", "z1", db("db1"));
    Status s = filter(plugin, p, zoneNode("b", "z1"), withDb);
    assertThat(s.code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(s.reasons()).containsExactly("node(s) didn't match pod anti-affinity rules");
    assertThat(filter(plugin, p, zoneNode("c", "z2"), withDb).isSuccess()).isTrue();
  }

  @Test
  void existingPodsAntiAffinityIsSymmetric() {
    Pod lonely =
        withAffinity(
            "lonely",
            Map.of("app", "lonely"),
            new Affinity(null, null, new PodAntiAffinity(List.of(term("web", "zone")), null)));
    NodeInfo a = zoneNode("a", "z1", lonely);
    Pod web = labeled(pod("web", "100m", null), Map.of("app", "web"));
    Status s = filter(plugin, web, zoneNode("b", "z1"), a);
    assertThat(s.reasons())
        .containsExactly("node(s) didn't satisfy existing pods anti-affinity rules");
    assertThat(filter(plugin, web, zoneNode("c", "z2"), a).isSuccess()).isTrue();
  }

  @Test
  void preferredAffinityScoresDomainsWithMatchingPods() {
    Pod p =
        withAffinity(
            "web",
            Map.of("app", "web"),
            new Affinity(
                null,
                new PodAffinity(null, List.of(new WeightedPodAffinityTerm(50, term("db", "zone")))),
                new PodAntiAffinity(
                    null, List.of(new WeightedPodAffinityTerm(50, term("cache", "zone"))))));
    NodeInfo dbZone = zoneNode("a", "z1", db("db1"));
    NodeInfo empty = zoneNode("b", "z2");
    NodeInfo cacheZone =
        zoneNode("c", "z3", labeled(pod("c1", "100m", null), Map.of("app", "cache")));
    assertThat(scores(plugin, p, dbZone, empty, cacheZone)).containsExactly(100, 50, 0);
  }
}
