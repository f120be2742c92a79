package dev.keelson.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.meta.OwnerReferenceBuilder;
import dev.keelson.controller.source.EventPredicate;
import dev.keelson.controller.source.Predicates;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MappersAndPredicatesTest {
  private static ConfigMap cm(ObjectMetaBuilder m) {
    return new ConfigMap(null, null, m.build(), null, null, null);
  }

  private static ObjectMetaBuilder meta() {
    return ObjectMetaBuilder.builder()
        .namespace("ns")
        .name("a")
        .generation(1L)
        .resourceVersion("10")
        .labels(Map.of("app", "x"))
        .annotations(Map.of("note", "1"));
  }

  @Test
  void requestsAreNamespaceSlashNameAndClusterScopedHaveAnEmptyNamespace() {
    assertThat(Request.of(cm(meta()))).isEqualTo(Request.of("ns", "a"));
    assertThat(Request.of("ns", "a")).hasToString("ns/a");
    assertThat(Request.clusterScoped("node-1")).hasToString("node-1");
    assertThat(new Request(null, "n").namespace()).isEmpty();
  }

  @Test
  void resultsFromFactories() {
    assertThat(Result.done().requeue()).isFalse();
    assertThat(Result.requeueWithBackoff().requeueAfter()).isNull();
    assertThat(Result.requeueAfter(java.time.Duration.ofSeconds(1)).requeue()).isTrue();
  }

  @Test
  void toOwnerMatchesTheControllerReferenceByGroupAndKindIgnoringVersion() {
    ObjectMeta m =
        meta()
            .ownerReferences(
                List.of(
                    OwnerReferenceBuilder.builder()
                        .apiVersion("apps/v1")
                        .kind("ReplicaSet")
                        .name("rs-1")
                        .uid("u")
                        .controller(true)
                        .build()))
            .build();
    ConfigMap owned = new ConfigMap(null, null, m, null, null, null);
    assertThat(Mappers.<ConfigMap>toOwner("apps", "ReplicaSet").map(owned))
        .containsExactly(Request.of("ns", "rs-1"));
    assertThat(Mappers.<ConfigMap>toOwner("extensions", "ReplicaSet").map(owned)).isEmpty();
    assertThat(Mappers.<ConfigMap>toOwner("apps", "Deployment").map(owned)).isEmpty();
    assertThat(Mappers.<ConfigMap>toClusterScopedOwner("apps", "ReplicaSet").map(owned))
        .containsExactly(Request.clusterScoped("rs-1"));
    assertThat(Mappers.<ConfigMap>toSelf().map(owned)).containsExactly(Request.of("ns", "a"));
    assertThat(Mappers.<ConfigMap>of(c -> Set.of(Request.of("x", "y"))).map(owned))
        .containsExactly(Request.of("x", "y"));
    assertThat(Mappers.<ConfigMap>of(c -> null).map(owned)).isEmpty();
  }

  @Test
  void changedPredicatesFilterOnlyUpdates() {
    ConfigMap base = cm(meta());
    ConfigMap newGen = cm(meta().generation(2L).resourceVersion("11"));
    ConfigMap newLabels = cm(meta().labels(Map.of("app", "y")).resourceVersion("12"));
    ConfigMap newNote = cm(meta().annotations(Map.of()).resourceVersion("13"));

    EventPredicate<ConfigMap> gen = Predicates.generationChanged();
    assertThat(gen.onUpdate(base, newGen)).isTrue();
    assertThat(gen.onUpdate(base, newLabels)).isFalse();
    assertThat(gen.onAdd(base)).isTrue();
    assertThat(gen.onDelete(base)).isTrue();

    EventPredicate<ConfigMap> labels = Predicates.labelsChanged();
    assertThat(labels.onUpdate(base, newLabels)).isTrue();
    assertThat(labels.onUpdate(base, newGen)).isFalse();

    EventPredicate<ConfigMap> notes = Predicates.annotationsChanged();
    assertThat(notes.onUpdate(base, newNote)).isTrue();
    assertThat(notes.onUpdate(base, newGen)).isFalse();

    EventPredicate<ConfigMap> rv = Predicates.resourceVersionChanged();
    assertThat(rv.onUpdate(base, base)).as("a resync").isFalse();
    assertThat(rv.onUpdate(base, newNote)).isTrue();
  }

  @Test
  void predicatesCombine() {
    ConfigMap base = cm(meta());
    ConfigMap newGen = cm(meta().generation(2L));
    ConfigMap newLabels = cm(meta().labels(Map.of()));
    EventPredicate<ConfigMap> either =
        Predicates.or(Predicates.generationChanged(), Predicates.labelsChanged());
    assertThat(either.onUpdate(base, newGen)).isTrue();
    assertThat(either.onUpdate(base, newLabels)).isTrue();
    assertThat(either.onUpdate(base, base)).isFalse();
    EventPredicate<ConfigMap> both =
        Predicates.and(Predicates.generationChanged(), Predicates.labelsChanged());
    assertThat(both.onUpdate(base, newGen)).isFalse();
    EventPredicate<ConfigMap> not = Predicates.not(Predicates.generationChanged());
    assertThat(not.onUpdate(base, newLabels)).isTrue();
    assertThat(not.onAdd(base)).isFalse();
    EventPredicate<ConfigMap> named = Predicates.matching(c -> c.metadata().name().startsWith("a"));
    assertThat(named.onAdd(base)).isTrue();
    assertThat(named.onDelete(cm(meta().name("b")))).isFalse();
  }
}
