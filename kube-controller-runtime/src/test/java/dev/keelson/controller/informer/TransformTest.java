package dev.keelson.controller.informer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.keelson.api.GenericObject;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.meta.ManagedFieldsEntry;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransformTest {
  private static ApiServer server;
  private static KubeClient client;

  @BeforeAll
  static void startServer() {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    client = server.inProcessClient();
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.close();
  }

  static ConfigMap withManagedFields(String ns, String name) {
    ManagedFieldsEntry entry =
        new ManagedFieldsEntry(
            "kubectl-client-side-apply",
            "Update",
            "v1",
            Instant.parse("2024-01-01T00:00:00Z"),
            "FieldsV1",
            JsonNodeFactory.instance
                .objectNode()
                .set("f:data", JsonNodeFactory.instance.objectNode()),
            null);
    ObjectMeta meta =
        ObjectMetaBuilder.builder().namespace(ns).name(name).managedFields(List.of(entry)).build();
    return new ConfigMap("v1", "ConfigMap", meta, null, Map.of("k", "v"), null);
  }

  @Test
  void stripManagedFieldsDropsThemAndKeepsEverythingElse() {
    ConfigMap cm = withManagedFields("ns", "a");
    KubernetesObject stripped = Transform.stripManagedFields().apply(cm);
    assertThat(stripped).isInstanceOf(ConfigMap.class);
    assertThat(stripped.metadata().managedFields()).isEmpty();
    assertThat(((ConfigMap) stripped).data()).containsEntry("k", "v");
    assertThat(stripped.metadata().name()).isEqualTo("a");

    GenericObject generic = GenericObject.from(cm);
    GenericObject g = (GenericObject) Transform.stripManagedFields().apply(generic);
    assertThat(g.metadata().managedFields()).isEmpty();
    assertThat(g.json().has("data")).isTrue();
  }

  @Test
  void anObjectWithoutManagedFieldsIsReturnedAsIs() {
    ConfigMap cm =
        new ConfigMap("v1", "ConfigMap", ObjectMeta.named("ns", "a"), null, Map.of(), null);
    assertThat(Transform.stripManagedFields().apply(cm)).isSameAs(cm);
  }

  @Test
  void transformsComposeInOrder() {
    List<String> order = new CopyOnWriteArrayList<>();
    Transform a =
        o -> {
          order.add("a");
          return o;
        };
    Transform b =
        o -> {
          order.add("b");
          return o;
        };
    a.andThen(b).apply(withManagedFields("ns", "x"));
    assertThat(order).containsExactly("a", "b");
  }

  @Test
  void theInformerCachesAndDeliversTransformedObjectsFromListsAndWatches() throws Exception {
    Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace("default");
    ConfigMap listed = maps.create(withManagedFields("default", "listed-" + System.nanoTime()));
    assertThat(listed.metadata().managedFields())
        .as("the server keeps what the client sent")
        .isNotEmpty();
    List<ConfigMap> delivered = new CopyOnWriteArrayList<>();
    try (InformerFactory informers =
        InformerFactory.create(
            client, new FakeClock(), InformerOptions.defaults(), Transform.stripManagedFields())) {
      SharedInformer<ConfigMap> inf = informers.informer(ConfigMap.class);
      assertThat(inf.transform()).isSameAs(Transform.stripManagedFields());
      inf.addHandler(
          new dev.keelson.controller.source.ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj, boolean initial) {
              delivered.add(obj);
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
              delivered.add(newObj);
            }
          });
      informers.start();
      assertThat(informers.waitForSync(Duration.ofSeconds(10))).isTrue();
      assertThat(
              inf.indexer()
                  .get("default", listed.metadata().name())
                  .orElseThrow()
                  .metadata()
                  .managedFields())
          .isEmpty();

      ConfigMap watched = maps.create(withManagedFields("default", "watched-" + System.nanoTime()));
      await(() -> inf.indexer().get("default", watched.metadata().name()).isPresent());
      assertThat(
              inf.indexer()
                  .get("default", watched.metadata().name())
                  .orElseThrow()
                  .metadata()
                  .managedFields())
          .isEmpty();
      await(() -> delivered.size() >= 2);
      assertThat(delivered).allSatisfy(cm -> assertThat(cm.metadata().managedFields()).isEmpty());
    }
  }

  @Test
  void theTransformCannotChangeOnceTheInformerRuns() {
    try (InformerFactory informers = InformerFactory.create(client)) {
      SharedInformer<ConfigMap> inf = informers.informer(ConfigMap.class);
      inf.setTransform(Transform.stripManagedFields());
      informers.start();
      assertThatThrownBy(() -> inf.setTransform(Transform.identity()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already started");
    }
  }

  static void await(java.util.function.BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }
}
