package dev.keelson.controllers.gc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.GroupResource;
import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Event;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.DeleteOptions;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.PatchType;
import dev.keelson.client.Resources;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.controllers.testing.Await;
import dev.keelson.testkit.KeelsonTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@KeelsonTest
class GarbageCollectorTest {
  static final ResourceType WIDGETS =
      ResourceType.of("example.com", "v1", "Widget", "widgets", true);
  static final ResourceType GADGETS =
      ResourceType.of("example.com", "v1", "Gadget", "gadgets", true);
  static final String HOLD = "example.com/hold";

  private InformerFactory informers;
  private GarbageCollector gc;
  private KubeClient client;
  private FakeClock clock;

  @BeforeEach
  void startCollector(KubeClient client, ApiServer server, FakeClock clock) throws Exception {
    this.client = client;
    this.clock = clock;
    if (server.registry().byGvr(WIDGETS.gvr()).isEmpty()) {
      server.registry().register(WIDGETS);
    }
    informers = InformerFactory.create(client);
    gc = new GarbageCollector(client, informers, clock);
    gc.start();
    Await.until("the collector has synced", gc::hasSynced);
  }

  @AfterEach
  void stopCollector() {
    gc.close();
    informers.close();
  }

  private void namespace(String name) {
    Namespace ns =
        KubeJson.decode(
            ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
                    + name
                    + "\"}}")
                .getBytes(StandardCharsets.UTF_8),
            Namespace.class);
    client.resources(Namespace.class).create(ns);
  }

  private Resources<ConfigMap> maps(String ns) {
    return client.resources(ConfigMap.class).inNamespace(ns);
  }

  private static OwnerReference ref(ConfigMap owner, boolean block) {
    return new OwnerReference(
        "v1", "ConfigMap", owner.metadata().name(), owner.metadata().uid(), null, block);
  }

  private ConfigMap map(String ns, String name, List<String> finalizers, OwnerReference... owners) {
    ConfigMap cm =
        new ConfigMap(
            "v1",
            "ConfigMap",
            ObjectMetaBuilder.builder()
                .name(name)
                .ownerReferences(List.of(owners))
                .finalizers(finalizers)
                .build(),
            null,
            null,
            null);
    return maps(ns).create(cm);
  }

  private GenericObject widget(String ns, String name, OwnerReference owner) {
    ObjectNode json =
        (ObjectNode)
            KubeJson.parse(
                ("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\""
                        + name
                        + "\"}}")
                    .getBytes(StandardCharsets.UTF_8));
    ((ObjectNode) json.get("metadata")).set("ownerReferences", KubeJson.toTree(List.of(owner)));
    return client.generic(WIDGETS).inNamespace(ns).create(GenericObject.of(json));
  }

  private static boolean gone(Resources<?> r, String name) {
    try {
      r.get(name);
      return false;
    } catch (NotFoundException e) {
      return true;
    }
  }

  private static DeleteOptions propagation(String policy) {
    return new DeleteOptions(null, null, null, null, null, policy, null);
  }

  private void releaseHold(String ns, String name) {
    maps(ns)
        .patch(
            name,
            PatchType.MERGE,
            KubeJson.parse(
                "{\"metadata\":{\"finalizers\":null}}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void backgroundDeletionTakesTheWholeChainOfDependents() throws Exception {
    namespace("bg");
    ConfigMap owner = map("bg", "owner", null);
    ConfigMap dependent = map("bg", "dependent", null, ref(owner, false));
    ConfigMap grand = map("bg", "grand", null, ref(dependent, false));
    OwnerReference toGrand =
        new OwnerReference("v1", "ConfigMap", "grand", grand.metadata().uid(), null, null);
    widget("bg", "great-grand", toGrand);
    ConfigMap unrelated = map("bg", "unrelated", null);

    maps("bg").delete("owner", null); // Background is the default

    Await.until(
        "the dependent is gone", clock, Duration.ofMillis(50), () -> gone(maps("bg"), "dependent"));
    Await.until(
        "the grand-dependent is gone",
        clock,
        Duration.ofMillis(50),
        () -> gone(maps("bg"), "grand"));
    Await.until(
        "the custom great-grand-dependent is gone",
        clock,
        Duration.ofMillis(50),
        () -> gone(client.generic(WIDGETS).inNamespace("bg"), "great-grand"));
    assertThat(maps("bg").get("unrelated").metadata().uid()).isEqualTo(unrelated.metadata().uid());
  }

  @Test
  void aDependentWithAnotherOwnerLosesOnlyTheDanglingReference() throws Exception {
    namespace("two");
    ConfigMap first = map("two", "first", null);
    ConfigMap second = map("two", "second", null);
    map("two", "shared", null, ref(first, false), ref(second, false));

    maps("two").delete("first", null);

    Await.until(
        "the reference to the deleted owner is removed",
        clock,
        Duration.ofMillis(50),
        () -> maps("two").get("shared").metadata().ownerReferences().size() == 1);
    assertThat(maps("two").get("shared").metadata().ownerReferences())
        .extracting(OwnerReference::uid)
        .containsExactly(second.metadata().uid());
  }

  @Test
  void foregroundDeletionKeepsTheOwnerUntilBlockingDependentsAreGone() throws Exception {
    namespace("fg");
    ConfigMap owner = map("fg", "owner", null);
    map("fg", "blocker", List.of(HOLD), ref(owner, true));
    map("fg", "free", null, ref(owner, false));

    maps("fg").delete("owner", propagation("Foreground"));

    Await.until(
        "the blocking dependent is being deleted",
        clock,
        Duration.ofMillis(50),
        () -> maps("fg").get("blocker").metadata().deletionTimestamp() != null);
    Await.until(
        "the non-blocking dependent is gone",
        clock,
        Duration.ofMillis(50),
        () -> gone(maps("fg"), "free"));
    // While the blocker waits on its own finalizer, the owner stays, in foreground deletion.
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(1));
      Thread.sleep(20);
      ConfigMap o = maps("fg").get("owner");
      assertThat(o.metadata().deletionTimestamp()).isNotNull();
      assertThat(o.metadata().finalizers()).containsExactly("foregroundDeletion");
    }

    releaseHold("fg", "blocker");

    Await.until(
        "the blocker is gone", clock, Duration.ofMillis(50), () -> gone(maps("fg"), "blocker"));
    Await.until("the owner is gone", clock, Duration.ofMillis(50), () -> gone(maps("fg"), "owner"));
  }

  @Test
  void orphanDeletionLeavesTheDependentsWithoutTheReference() throws Exception {
    namespace("orph");
    ConfigMap owner = map("orph", "owner", null);
    ConfigMap other = map("orph", "other", null);
    map("orph", "a", null, ref(owner, true));
    map("orph", "b", null, ref(owner, false), ref(other, false));

    maps("orph").delete("owner", propagation("Orphan"));

    Await.until(
        "the owner is gone", clock, Duration.ofMillis(50), () -> gone(maps("orph"), "owner"));
    assertThat(maps("orph").get("a").metadata().ownerReferences()).isEmpty();
    assertThat(maps("orph").get("b").metadata().ownerReferences())
        .extracting(OwnerReference::uid)
        .containsExactly(other.metadata().uid());
    // and they stay: nothing collects them later
    clock.advance(Duration.ofSeconds(5));
    Thread.sleep(200);
    assertThat(gone(maps("orph"), "a")).isFalse();
  }

  @Test
  void anOwnerInAnotherNamespaceCountsAsAbsent() throws Exception {
    namespace("here");
    namespace("there");
    ConfigMap elsewhere = map("there", "owner", null);
    map("here", "dependent", null, ref(elsewhere, false));

    Await.until(
        "the dependent of an owner in another namespace is collected",
        clock,
        Duration.ofMillis(50),
        () -> gone(maps("here"), "dependent"));
    assertThat(gone(maps("there"), "owner")).isFalse();
    String expected =
        "ownerRef [v1/ConfigMap, namespace: here, name: owner, uid: "
            + elsewhere.metadata().uid()
            + "] does not exist in namespace \"here\"";
    Await.until(
        "an OwnerRefInvalidNamespace warning is recorded",
        () ->
            client
                .resources(Event.class)
                .inNamespace("here")
                .list(ListOptions.none())
                .items()
                .stream()
                .anyMatch(
                    e ->
                        "OwnerRefInvalidNamespace".equals(e.reason())
                            && "Warning".equals(e.type())
                            && expected.equals(e.message())
                            && "dependent".equals(e.involvedObject().name())));
  }

  @Test
  void aDependentOfAnOwnerThatNeverExistedIsCollected() throws Exception {
    namespace("never");
    OwnerReference phantom =
        new OwnerReference(
            "v1", "ConfigMap", "phantom", "00000000-0000-0000-0000-000000000001", null, null);
    map("never", "dependent", null, phantom);
    Await.until(
        "the dependent is collected",
        clock,
        Duration.ofMillis(50),
        () -> gone(maps("never"), "dependent"));
  }

  @Test
  void resourcesThatAppearLaterAreWatchedAfterRediscovery(ApiServer server) throws Exception {
    namespace("late");
    assertThat(gc.watchedResources()).doesNotContain(GroupResource.of("example.com", "gadgets"));
    if (server.registry().byGvr(GADGETS.gvr()).isEmpty()) {
      server.registry().register(GADGETS);
    }
    clock.advance(Duration.ofSeconds(30)); // the rediscovery period
    Await.until(
        "gadgets are watched",
        () -> gc.watchedResources().contains(GroupResource.of("example.com", "gadgets")));

    ConfigMap owner = map("late", "owner", null);
    ObjectNode json =
        (ObjectNode)
            KubeJson.parse(
                "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"g\"}}"
                    .getBytes(StandardCharsets.UTF_8));
    ((ObjectNode) json.get("metadata"))
        .set("ownerReferences", KubeJson.toTree(List.of(ref(owner, true))));
    client.generic(GADGETS).inNamespace("late").create(GenericObject.of(json));

    // Foreground: the owner waits for the gadget, so the gadget must be in the graph.
    maps("late").delete("owner", propagation("Foreground"));
    Await.until(
        "the gadget is gone",
        clock,
        Duration.ofMillis(50),
        () -> gone(client.generic(GADGETS).inNamespace("late"), "g"));
    Await.until(
        "the owner is gone", clock, Duration.ofMillis(50), () -> gone(maps("late"), "owner"));
  }

  @Test
  void aClusterScopedDependentWithANamespacedOwnerIsLeftAlone() throws Exception {
    namespace("cs");
    ConfigMap owner = map("cs", "owner", null);
    ObjectNode json =
        (ObjectNode)
            KubeJson.parse(
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"cs-child\"}}"
                    .getBytes(StandardCharsets.UTF_8));
    ((ObjectNode) json.get("metadata"))
        .set("ownerReferences", KubeJson.toTree(List.of(ref(owner, false))));
    client.resources(Namespace.class).create(KubeJson.convert(json, Namespace.class));
    maps("cs").delete("owner", null);
    Await.until("the owner is gone", () -> gone(maps("cs"), "owner"));
    List<Boolean> seen = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(1));
      Thread.sleep(20);
      seen.add(gone(client.resources(Namespace.class), "cs-child"));
    }
    assertThat(seen).containsOnly(false);
  }
}
