package dev.keelson.controller.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodBuilder;
import dev.keelson.api.core.v1.PodSpecBuilder;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.api.meta.OwnerReferenceBuilder;
import dev.keelson.api.selector.Selector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexedCacheTest {
  private static Pod pod(
      String ns, String name, String node, Map<String, String> labels, String owner) {
    List<OwnerReference> owners =
        owner == null
            ? List.of()
            : List.of(
                OwnerReferenceBuilder.builder()
                    .apiVersion("apps/v1")
                    .kind("ReplicaSet")
                    .name("rs")
                    .uid(owner)
                    .build());
    return PodBuilder.builder()
        .apiVersion("v1")
        .kind("Pod")
        .metadata(
            ObjectMetaBuilder.builder()
                .namespace(ns)
                .name(name)
                .labels(labels)
                .ownerReferences(owners)
                .build())
        .spec(PodSpecBuilder.builder().nodeName(node).build())
        .build();
  }

  private static List<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.metadata().name()).sorted().toList();
  }

  @Test
  void listsByNamespaceLabelsAndCustomIndexesKeptUpToDate() {
    IndexedCache<Pod> cache = new IndexedCache<>();
    cache.addIndex("node", Indexers.byField((Pod p) -> p.spec().nodeName()));
    cache.addIndex(Indexers.OWNER_UID, Indexers.byOwnerUid());
    cache.put(pod("a", "p1", "n1", Map.of("app", "web"), "u1"));
    cache.put(pod("a", "p2", "n2", Map.of("app", "db"), "u1"));
    cache.put(pod("b", "p3", "n1", Map.of("app", "web"), null));
    cache.put(pod("b", "p4", null, Map.of(), "u2"));

    assertThat(names(cache.list("a"))).containsExactly("p1", "p2");
    assertThat(names(cache.list(Selector.parse("app=web")))).containsExactly("p1", "p3");
    assertThat(names(cache.list("b", Selector.parse("app=web")))).containsExactly("p3");
    assertThat(names(cache.byIndex("node", "n1"))).containsExactly("p1", "p3");
    assertThat(names(cache.byIndex(Indexers.OWNER_UID, "u1"))).containsExactly("p1", "p2");
    assertThat(cache.indexValues("node")).containsExactlyInAnyOrder("n1", "n2");

    // An update moves the object between index values; a delete removes it; empty values vanish.
    cache.put(pod("a", "p2", "n1", Map.of("app", "web"), "u2"));
    assertThat(names(cache.byIndex("node", "n1"))).containsExactly("p1", "p2", "p3");
    assertThat(cache.indexValues("node")).containsExactly("n1");
    assertThat(names(cache.byIndex(Indexers.OWNER_UID, "u2"))).containsExactly("p2", "p4");
    cache.remove(new ObjectKey("a", "p1"));
    assertThat(names(cache.byIndex("node", "n1"))).containsExactly("p2", "p3");
    assertThat(cache.keysByIndex(Indexers.OWNER_UID, "u1")).isEmpty();
    assertThat(cache.get("b", "p4")).isPresent();
    assertThat(cache.get(ObjectKey.parse("a/p1"))).isEmpty();
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void indexAddedLaterIsBuiltFromTheContents() {
    IndexedCache<Pod> cache = new IndexedCache<>();
    cache.put(pod("a", "p1", "n1", Map.of(), null));
    cache.addIndex("node", Indexers.byField((Pod p) -> p.spec().nodeName()));
    assertThat(names(cache.byIndex("node", "n1"))).containsExactly("p1");
    assertThatThrownBy(() -> cache.addIndex("node", Indexers.byOwnerUid()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cache.byIndex("nope", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no index named nope");
  }

  @Test
  void handsOutTheStoredInstanceWithoutCopying() {
    IndexedCache<Pod> cache = new IndexedCache<>();
    Pod p = pod("a", "p1", "n1", Map.of(), null);
    cache.put(p);
    assertThat(cache.get("a", "p1").orElseThrow()).isSameAs(p);
  }

  @Test
  void keysPrintLikeClientGo() {
    assertThat(new ObjectKey("ns", "n").toString()).isEqualTo("ns/n");
    assertThat(new ObjectKey(null, "n").toString()).isEqualTo("n");
    assertThat(ObjectKey.parse("ns/n")).isEqualTo(new ObjectKey("ns", "n"));
  }
}
