package dev.keelson.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.apiserver.fabric8.Widget;
import dev.keelson.apiserver.fabric8.WidgetSpec;
import dev.keelson.apiserver.fabric8.WidgetStatus;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A typed fabric8 custom resource ({@link Widget}, a {@code CustomResource<WidgetSpec,
 * WidgetStatus>}) through {@code client.resources(Widget.class)} against a real Keelson API server
 * over TLS: its CRD (structural schema, status subresource) created through fabric8, then CRUD, the
 * status subresource's split of spec from status, generation, schema validation and watches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Fabric8CustomResourceIT {
  private static final long SECONDS = 30;
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private ApiServer server;
  private KubernetesClient client;

  @BeforeAll
  void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0).withoutAdmissionPlugins("ServiceAccount"));
    Path dir = Files.createTempDirectory("fabric8-cr-it");
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    server.adminKubeconfig("keelson").write(kubeconfig);
    String text = Files.readString(kubeconfig);
    Files.delete(kubeconfig);
    Files.delete(dir);
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(text)).build();
    client.apiextensions().v1().customResourceDefinitions().resource(widgetCrd()).create();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(Widget.CRD_NAME)
        .waitUntilCondition(
            c ->
                c != null
                    && c.getStatus() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            x -> x.getType().equals("Established") && x.getStatus().equals("True")),
            SECONDS,
            TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** The Widget CRD: a structural schema for spec and status, and the status subresource. */
  private static CustomResourceDefinition widgetCrd() {
    JSONSchemaProps spec =
        new JSONSchemaPropsBuilder()
            .withType("object")
            .addToProperties(
                "size",
                new JSONSchemaPropsBuilder()
                    .withType("integer")
                    .withMinimum(1.0)
                    .withMaximum(10.0)
                    .build())
            .addToProperties("color", new JSONSchemaPropsBuilder().withType("string").build())
            .build();
    JSONSchemaProps status =
        new JSONSchemaPropsBuilder()
            .withType("object")
            .addToProperties(
                "phase",
                new JSONSchemaPropsBuilder()
                    .withType("string")
                    .withEnum(
                        List.of(
                            JsonNodeFactory.instance.stringNode("Pending"),
                            JsonNodeFactory.instance.stringNode("Ready"),
                            JsonNodeFactory.instance.stringNode("Failed")))
                    .build())
            .addToProperties(
                "observedGeneration", new JSONSchemaPropsBuilder().withType("integer").build())
            .addToProperties("message", new JSONSchemaPropsBuilder().withType("string").build())
            .build();
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(Widget.CRD_NAME)
        .endMetadata()
        .withNewSpec()
        .withGroup(Widget.GROUP)
        .withScope("Namespaced")
        .withNewNames()
        .withPlural(Widget.PLURAL)
        .withSingular("widget")
        .withKind(Widget.KIND)
        .withListKind("WidgetList")
        .endNames()
        .addNewVersion()
        .withName(Widget.VERSION)
        .withServed(true)
        .withStorage(true)
        .withNewSchema()
        .withNewOpenAPIV3Schema()
        .withType("object")
        .addToProperties("spec", spec)
        .addToProperties("status", status)
        .endOpenAPIV3Schema()
        .endSchema()
        .withNewSubresources()
        .withNewStatus()
        .endStatus()
        .endSubresources()
        .endVersion()
        .endSpec()
        .build();
  }

  private NonNamespaceOperation<Widget, KubernetesResourceList<Widget>, Resource<Widget>>
      widgets() {
    String ns = "f8cr-" + NAMESPACES.incrementAndGet();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    MixedOperation<Widget, KubernetesResourceList<Widget>, Resource<Widget>> all =
        client.resources(Widget.class);
    return all.inNamespace(ns);
  }

  @Test
  void typedWidgetsAreCreatedReadListedUpdatedAndDeleted() {
    var widgets = widgets();
    Widget created = widgets.resource(Widget.of("w1", new WidgetSpec(3, "red"))).create();
    assertThat(created).isInstanceOf(Widget.class);
    assertThat(created.getApiVersion()).isEqualTo("typed.f8.example.com/v1");
    assertThat(created.getKind()).isEqualTo("Widget");
    assertThat(created.getMetadata().getUid()).isNotEmpty();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(created.getSpec()).isEqualTo(new WidgetSpec(3, "red"));

    Widget got = widgets.withName("w1").get();
    assertThat(got.getSpec()).isEqualTo(new WidgetSpec(3, "red"));
    assertThat(got.getMetadata().getResourceVersion())
        .isEqualTo(created.getMetadata().getResourceVersion());

    widgets.resource(Widget.of("w2", new WidgetSpec(5, "blue"))).create();
    assertThat(widgets.list().getItems())
        .allSatisfy(w -> assertThat(w).isInstanceOf(Widget.class))
        .extracting(w -> w.getMetadata().getName() + "=" + w.getSpec())
        .containsExactly("w1=" + new WidgetSpec(3, "red"), "w2=" + new WidgetSpec(5, "blue"));
    assertThat(client.resources(Widget.class).inAnyNamespace().list().getItems())
        .extracting(w -> w.getMetadata().getName())
        .contains("w1", "w2");

    got.setSpec(new WidgetSpec(4, "green"));
    Widget updated = widgets.resource(got).update();
    assertThat(updated.getSpec()).isEqualTo(new WidgetSpec(4, "green"));
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);

    Widget edited =
        widgets
            .withName("w1")
            .edit(
                w -> {
                  w.setSpec(new WidgetSpec(6, "green"));
                  return w;
                });
    assertThat(edited.getSpec().size()).isEqualTo(6);
    assertThat(edited.getMetadata().getGeneration()).isEqualTo(3L);

    // a stale write is a conflict and changes nothing
    got.setSpec(new WidgetSpec(1, "stale"));
    assertThatThrownBy(() -> widgets.resource(got).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(widgets.withName("w1").get().getSpec()).isEqualTo(new WidgetSpec(6, "green"));

    assertThat(widgets.withName("w1").delete()).hasSize(1);
    assertThat(widgets.withName("w1").get()).isNull();
    assertThat(widgets.list().getItems())
        .extracting(w -> w.getMetadata().getName())
        .containsExactly("w2");
  }

  @Test
  void theStatusSubresourceWritesOnlyStatusAndTheMainResourceIgnoresIt() {
    var widgets = widgets();
    Widget sent = Widget.of("s", new WidgetSpec(2, "red"));
    sent.setStatus(new WidgetStatus("Ready", 9L, "set on create"));
    Widget created = widgets.resource(sent).create();
    // a create drops status when the status subresource is on
    assertThat(created.getStatus()).isNull();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

    // a status write: spec and labels in its body are ignored, generation stays
    Widget forStatus = widgets.withName("s").get();
    forStatus.setSpec(new WidgetSpec(9, "ignored"));
    forStatus.getMetadata().setLabels(Map.of("ignored", "yes"));
    forStatus.setStatus(new WidgetStatus("Pending", 1L, "starting"));
    Widget statused = widgets.resource(forStatus).updateStatus();
    assertThat(statused.getStatus()).isEqualTo(new WidgetStatus("Pending", 1L, "starting"));
    assertThat(statused.getSpec()).isEqualTo(new WidgetSpec(2, "red"));
    assertThat(statused.getMetadata().getLabels()).doesNotContainKey("ignored");
    assertThat(statused.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(statused.getMetadata().getResourceVersion())
        .isNotEqualTo(created.getMetadata().getResourceVersion());
    assertThat(widgets.withName("s").get().getStatus()).isEqualTo(statused.getStatus());

    // a main-resource write: its status is ignored, the spec change bumps generation
    Widget forSpec = widgets.withName("s").get();
    forSpec.setSpec(new WidgetSpec(3, "red"));
    forSpec.setStatus(new WidgetStatus("Failed", 7L, "ignored"));
    Widget specced = widgets.resource(forSpec).update();
    assertThat(specced.getSpec()).isEqualTo(new WidgetSpec(3, "red"));
    assertThat(specced.getStatus()).isEqualTo(new WidgetStatus("Pending", 1L, "starting"));
    assertThat(specced.getMetadata().getGeneration()).isEqualTo(2L);

    // a merge patch of the status subresource
    Widget forPatch = widgets.withName("s").get();
    forPatch.setStatus(new WidgetStatus("Ready", 2L, "done"));
    Widget patched = widgets.resource(forPatch).patchStatus();
    assertThat(patched.getStatus()).isEqualTo(new WidgetStatus("Ready", 2L, "done"));
    assertThat(patched.getSpec()).isEqualTo(new WidgetSpec(3, "red"));
    assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);

    // editStatus (a JSON patch fabric8 computes) and an explicit patch of .../status
    Widget edited =
        widgets
            .withName("s")
            .editStatus(
                w -> {
                  w.setStatus(new WidgetStatus("Ready", 2L, "edited"));
                  return w;
                });
    assertThat(edited.getStatus().message()).isEqualTo("edited");
    Widget viaStatus =
        widgets
            .withName("s")
            .status()
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"size\":8},\"status\":{\"message\":\"merged\"}}");
    assertThat(viaStatus.getStatus()).isEqualTo(new WidgetStatus("Ready", 2L, "merged"));
    assertThat(viaStatus.getSpec()).isEqualTo(new WidgetSpec(3, "red"));

    // a main-resource patch of status changes nothing: no new revision, no new generation
    Widget before = widgets.withName("s").get();
    Widget ignored =
        widgets
            .withName("s")
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"phase\":\"Failed\"}}");
    assertThat(ignored.getStatus()).isEqualTo(before.getStatus());
    assertThat(ignored.getMetadata().getResourceVersion())
        .isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(ignored.getMetadata().getGeneration()).isEqualTo(2L);

    // a stale status write is a conflict
    forStatus.setStatus(new WidgetStatus("Failed", 1L, "stale"));
    assertThatThrownBy(() -> widgets.resource(forStatus).updateStatus())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(widgets.withName("s").get().getStatus().message()).isEqualTo("merged");
  }

  @Test
  void theSchemaValidatesSpecAndStatusWrites() {
    var widgets = widgets();
    assertThatThrownBy(() -> widgets.resource(Widget.of("big", new WidgetSpec(11, "red"))).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("spec.size in body should be less than or equal to 10");

    widgets.resource(Widget.of("v", new WidgetSpec(1, "red"))).create();
    Widget w = widgets.withName("v").get();
    w.setStatus(new WidgetStatus("Exploded", 1L, null));
    assertThatThrownBy(() -> widgets.resource(w).updateStatus())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("status.phase");
    assertThat(widgets.withName("v").get().getStatus()).isNull();
  }

  @Test
  void aTypedWatchSeesSpecAndStatusChangesAndTheDelete() throws Exception {
    var widgets = widgets();
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    Watch watch =
        widgets.watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, Widget w) {
                events.add(
                    action
                        + " "
                        + w.getMetadata().getName()
                        + " gen="
                        + w.getMetadata().getGeneration()
                        + " size="
                        + w.getSpec().size()
                        + " phase="
                        + (w.getStatus() == null ? null : w.getStatus().phase()));
              }

              @Override
              public void onClose(WatcherException cause) {
                events.add("ERROR " + cause);
              }
            });
    try {
      Widget w = widgets.resource(Widget.of("watched", new WidgetSpec(1, "red"))).create();
      w.setSpec(new WidgetSpec(2, "red"));
      w = widgets.resource(w).update();
      w.setStatus(new WidgetStatus("Ready", 2L, null));
      widgets.resource(w).updateStatus();
      widgets.withName("watched").delete();

      assertThat(events.poll(SECONDS, TimeUnit.SECONDS))
          .isEqualTo("ADDED watched gen=1 size=1 phase=null");
      assertThat(events.poll(SECONDS, TimeUnit.SECONDS))
          .isEqualTo("MODIFIED watched gen=2 size=2 phase=null");
      assertThat(events.poll(SECONDS, TimeUnit.SECONDS))
          .isEqualTo("MODIFIED watched gen=2 size=2 phase=Ready");
      assertThat(events.poll(SECONDS, TimeUnit.SECONDS))
          .isEqualTo("DELETED watched gen=2 size=2 phase=Ready");
    } finally {
      watch.close();
    }
    assertThat(events).isEmpty();
  }

  @Test
  void aTypedInformerFollowsSpecAndStatusWrites() throws Exception {
    var widgets = widgets();
    String key =
        widgets
                .resource(Widget.of("i", new WidgetSpec(1, "red")))
                .create()
                .getMetadata()
                .getNamespace()
            + "/i";
    SharedIndexInformer<Widget> informer = widgets.inform();
    try {
      await("the informer synced", informer::hasSynced);
      assertThat(informer.getStore().getByKey(key).getSpec()).isEqualTo(new WidgetSpec(1, "red"));
      Widget w = widgets.withName("i").get();
      w.setStatus(new WidgetStatus("Ready", 1L, "seen"));
      String rv = widgets.resource(w).updateStatus().getMetadata().getResourceVersion();
      await(
          "the informer holds the status write",
          () -> {
            Widget cached = informer.getStore().getByKey(key);
            return cached.getMetadata().getResourceVersion().equals(rv);
          });
      Widget cached = informer.getStore().getByKey(key);
      assertThat(cached.getStatus()).isEqualTo(new WidgetStatus("Ready", 1L, "seen"));
      assertThat(cached.getSpec()).isEqualTo(new WidgetSpec(1, "red"));
    } finally {
      informer.close();
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }
}
