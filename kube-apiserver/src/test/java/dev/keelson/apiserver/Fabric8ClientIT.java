package dev.keelson.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The fabric8 kubernetes-client (8.0.0, JDK HTTP client) against a real Keelson API server over
 * TLS, configured from nothing but the admin kubeconfig the server writes: CRUD, watches,
 * informers, conflicts, pagination, scale and the three patch types, each test in its own
 * namespace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Fabric8ClientIT {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private ApiServer server;
  private KubernetesClient client;

  @BeforeAll
  void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0).withoutAdmissionPlugins("ServiceAccount"));
    Path dir = Files.createTempDirectory("fabric8-it");
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    server.adminKubeconfig("keelson").write(kubeconfig);
    String text = Files.readString(kubeconfig);
    Files.delete(kubeconfig);
    Files.delete(dir);
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(text)).build();
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

  private String newNamespace() {
    String name = "f8-" + NAMESPACES.incrementAndGet();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  private static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("app", "f8")
        .endMetadata()
        .withData(data)
        .build();
  }

  private static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage("nginx:1.27")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void namespacesAreClusterScopedAndCanBeCreatedReadLabelledAndDeleted() {
    String name = newNamespace();
    Namespace ns = client.namespaces().withName(name).get();
    assertThat(ns.getMetadata().getUid()).isNotEmpty();
    assertThat(ns.getMetadata().getNamespace()).isNull();
    assertThat(client.namespaces().list().getItems())
        .extracting(n -> n.getMetadata().getName())
        .contains(name, "default", "kube-system");

    Namespace labelled =
        client
            .namespaces()
            .withName(name)
            .edit(
                n ->
                    new NamespaceBuilder(n)
                        .editMetadata()
                        .addToLabels("team", "a")
                        .endMetadata()
                        .build());
    assertThat(labelled.getMetadata().getLabels()).containsEntry("team", "a");
    assertThat(client.namespaces().withLabel("team", "a").list().getItems())
        .extracting(n -> n.getMetadata().getName())
        .containsExactly(name);

    assertThat(client.namespaces().withName(name).delete()).isNotEmpty();
  }

  @Test
  void configMapsCanBeCreatedReadListedUpdatedAndDeleted() {
    String ns = newNamespace();
    var maps = client.configMaps().inNamespace(ns);
    ConfigMap created = maps.resource(configMap("settings", Map.of("mode", "fast"))).create();
    assertThat(created.getMetadata().getResourceVersion()).isNotEmpty();
    assertThat(created.getMetadata().getCreationTimestamp()).isNotEmpty();

    assertThat(maps.withName("settings").get().getData()).containsEntry("mode", "fast");
    assertThat(maps.withLabel("app", "f8").list().getItems()).hasSize(1);

    created.setData(Map.of("mode", "slow"));
    ConfigMap updated = maps.resource(created).update();
    assertThat(updated.getData()).containsEntry("mode", "slow");
    assertThat(updated.getMetadata().getResourceVersion())
        .isNotEqualTo(created.getMetadata().getResourceVersion());

    assertThat(maps.withName("settings").delete()).hasSize(1);
    assertThat(maps.withName("settings").get()).isNull();
    assertThatThrownBy(() -> maps.resource(configMap("settings", Map.of())).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void podsCanBeCreatedReadAndDeleted() {
    String ns = newNamespace();
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("web")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("web")
            .withImage("nginx:1.27")
            .endContainer()
            .endSpec()
            .build();
    Pod created = client.pods().inNamespace(ns).resource(pod).create();
    assertThat(created.getMetadata().getUid()).isNotEmpty();
    // defaults applied by the server, as kube-apiserver does
    assertThat(created.getSpec().getRestartPolicy()).isEqualTo("Always");
    assertThat(created.getSpec().getContainers().get(0).getImagePullPolicy())
        .isEqualTo("IfNotPresent");
    assertThat(client.pods().inNamespace(ns).list().getItems()).hasSize(1);
    assertThat(client.pods().inAnyNamespace().list().getItems())
        .extracting(p -> p.getMetadata().getNamespace())
        .contains(ns);
    client.pods().inNamespace(ns).withName("web").withGracePeriod(0).delete();
    assertThat(client.pods().inNamespace(ns).withName("web").get()).isNull();
  }

  @Test
  void deploymentsCanBeCreatedAndScaled() {
    String ns = newNamespace();
    var deployments = client.apps().deployments().inNamespace(ns);
    Deployment created = deployments.resource(deployment("web", 1)).create();
    assertThat(created.getSpec().getReplicas()).isEqualTo(1);
    assertThat(created.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");

    deployments.withName("web").scale(3);
    assertThat(deployments.withName("web").get().getSpec().getReplicas()).isEqualTo(3);
    Scale scale = deployments.withName("web").scale();
    assertThat(scale.getSpec().getReplicas()).isEqualTo(3);
    assertThat(scale.getKind()).isEqualTo("Scale");

    assertThat(deployments.withName("web").delete()).hasSize(1);
  }

  @Test
  void aStaleUpdateIsAConflict() {
    String ns = newNamespace();
    var maps = client.configMaps().inNamespace(ns);
    ConfigMap stale = maps.resource(configMap("c", Map.of("v", "1"))).create();
    ConfigMap fresh = maps.withName("c").get();
    fresh.setData(Map.of("v", "2"));
    maps.resource(fresh).update();

    stale.setData(Map.of("v", "3"));
    assertThatThrownBy(() -> maps.resource(stale).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
            });
    assertThat(maps.withName("c").get().getData()).containsEntry("v", "2");
  }

  @Test
  void aThousandObjectsPageWithLimitAndContinue() {
    String ns = newNamespace();
    var maps = client.configMaps().inNamespace(ns);
    for (int i = 0; i < 1000; i++) {
      maps.resource(configMap(String.format("cm-%04d", i), Map.of("i", Integer.toString(i))))
          .create();
    }
    List<String> names = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      ConfigMapList page =
          maps.list(new ListOptionsBuilder().withLimit(128L).withContinue(token).build());
      assertThat(page.getItems()).hasSizeLessThanOrEqualTo(128);
      page.getItems().forEach(c -> names.add(c.getMetadata().getName()));
      token = page.getMetadata().getContinue();
      pages++;
    } while (token != null && !token.isEmpty());
    assertThat(pages).isEqualTo(8);
    assertThat(names).hasSize(1000).doesNotHaveDuplicates().isSorted();
    assertThat(maps.list(new ListOptionsBuilder().withLimit(250L).build()).getItems()).hasSize(250);
  }

  @Test
  void patchesOfAllThreeTypesApply() {
    String ns = newNamespace();
    var deployments = client.apps().deployments().inNamespace(ns);
    deployments.resource(deployment("p", 1)).create();
    var web = deployments.withName("p");

    Deployment merged =
        web.patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"labels\":{\"merged\":\"yes\"}},\"spec\":{\"replicas\":2}}");
    assertThat(merged.getMetadata().getLabels()).containsEntry("merged", "yes");
    assertThat(merged.getSpec().getReplicas()).isEqualTo(2);

    Deployment strategic =
        web.patch(
            PatchContext.of(PatchType.STRATEGIC_MERGE),
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":"
                + "[{\"name\":\"sidecar\",\"image\":\"busybox:1.36\"}]}}}}");
    assertThat(strategic.getSpec().getTemplate().getSpec().getContainers())
        .extracting(c -> c.getName())
        .containsExactlyInAnyOrder("web", "sidecar");

    Deployment jsonPatched =
        web.patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":4},"
                + "{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"a\":\"b\"}}]");
    assertThat(jsonPatched.getSpec().getReplicas()).isEqualTo(4);
    assertThat(jsonPatched.getMetadata().getAnnotations()).containsEntry("a", "b");

    // fabric8's own diff-based patch (a JSON patch computed from two objects)
    Deployment edited =
        web.edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(5).endSpec().build());
    assertThat(edited.getSpec().getReplicas()).isEqualTo(5);
  }

  @Test
  void aWatchSeesAddedModifiedAndDeletedInOrderAndClosesCleanly() throws Exception {
    String ns = newNamespace();
    var maps = client.configMaps().inNamespace(ns);
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    CountDownLatch closed = new CountDownLatch(1);
    Watch watch =
        maps.watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, ConfigMap resource) {
                events.add(
                    action + " " + resource.getMetadata().getName() + " " + resource.getData());
              }

              @Override
              public void onClose() {
                closed.countDown();
              }

              @Override
              public void onClose(WatcherException cause) {
                events.add("ERROR " + cause);
              }
            });
    ConfigMap c = maps.resource(configMap("w", Map.of("v", "1"))).create();
    c.setData(Map.of("v", "2"));
    maps.resource(c).update();
    maps.withName("w").delete();

    assertThat(events.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("ADDED w {v=1}");
    assertThat(events.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("MODIFIED w {v=2}");
    assertThat(events.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS)).startsWith("DELETED w");
    watch.close();
    assertThat(closed.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(events).isEmpty();
  }

  @Test
  void anInformerStoreFollowsTheServer() throws Exception {
    String ns = newNamespace();
    var maps = client.configMaps().inNamespace(ns);
    for (int i = 0; i < 20; i++) {
      maps.resource(configMap("pre-" + i, Map.of("v", "0"))).create();
    }
    SharedIndexInformer<ConfigMap> informer = maps.inform();
    try {
      await("the informer synced", informer::hasSynced);
      // fabric8 (like client-go) first lists with resourceVersion=0, which any apiserver answers
      // from its watch cache without waiting for the newest writes; the watch from the list's
      // version brings the rest.
      Map<String, String> created = state(maps.list().getItems());
      assertThat(created).hasSize(20);
      await(
          "the informer store holds the 20 created",
          () -> state(informer.getStore().list()).equals(created));

      for (int i = 0; i < 20; i++) {
        maps.resource(configMap("new-" + i, Map.of("v", "0"))).create();
      }
      for (int i = 0; i < 20; i += 2) {
        ConfigMap c = maps.withName("pre-" + i).get();
        c.setData(Map.of("v", "1"));
        maps.resource(c).update();
      }
      for (int i = 1; i < 20; i += 2) {
        maps.withName("pre-" + i).delete();
      }
      Map<String, String> server = state(maps.list().getItems());
      assertThat(server).hasSize(30);
      await(
          "the informer store equals the server's state",
          () -> state(informer.getStore().list()).equals(server));
    } finally {
      informer.close();
    }
  }

  @Test
  void watchesOfEveryNamespaceAndErrorsAreKubernetesStatuses() {
    assertThatThrownBy(
            () ->
                client
                    .configMaps()
                    .inNamespace("no-such-ns")
                    .resource(configMap("x", Map.of()))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    String ns = newNamespace();
    client.configMaps().inNamespace(ns).resource(configMap("dup", Map.of())).create();
    assertThatThrownBy(
            () -> client.configMaps().inNamespace(ns).resource(configMap("dup", Map.of())).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
            });
    Set<String> seen = new HashSet<>();
    client
        .configMaps()
        .inAnyNamespace()
        .list()
        .getItems()
        .forEach(c -> seen.add(c.getMetadata().getNamespace()));
    assertThat(seen).contains(ns);
  }

  /** name -> resourceVersion + data, the comparable state of a set of config maps. */
  private static Map<String, String> state(List<ConfigMap> items) {
    return items.stream()
        .collect(
            Collectors.toMap(
                c -> c.getMetadata().getName(),
                c -> c.getMetadata().getResourceVersion() + " " + new TreeMap<>(c.getData()),
                (a, b) -> a,
                TreeMap::new));
  }

  @Test
  void createsACrdAndGenericCustomResources() throws Exception {
    io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition crd =
        new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName("gizmos.f8.example.com")
            .endMetadata()
            .withNewSpec()
            .withGroup("f8.example.com")
            .withScope("Namespaced")
            .withNewNames()
            .withPlural("gizmos")
            .withKind("Gizmo")
            .endNames()
            .addNewVersion()
            .withName("v1")
            .withServed(true)
            .withStorage(true)
            .withNewSchema()
            .withNewOpenAPIV3Schema()
            .withType("object")
            .addToProperties(
                "spec",
                new io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder()
                    .withType("object")
                    .addToProperties(
                        "size",
                        new io.fabric8.kubernetes.api.model.apiextensions.v1
                                .JSONSchemaPropsBuilder()
                            .withType("integer")
                            .withMaximum(5.0)
                            .build())
                    .build())
            .endOpenAPIV3Schema()
            .endSchema()
            .endVersion()
            .endSpec()
            .build();
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("gizmos.f8.example.com")
        .waitUntilCondition(
            c ->
                c != null
                    && c.getStatus() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            x -> x.getType().equals("Established") && x.getStatus().equals("True")),
            30,
            TimeUnit.SECONDS);
    String ns = newNamespace();
    io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context =
        new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
            .withGroup("f8.example.com")
            .withVersion("v1")
            .withKind("Gizmo")
            .withPlural("gizmos")
            .withNamespaced(true)
            .build();
    io.fabric8.kubernetes.api.model.GenericKubernetesResource gizmo =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
            .withApiVersion("f8.example.com/v1")
            .withKind("Gizmo")
            .withNewMetadata()
            .withName("g1")
            .endMetadata()
            .addToAdditionalProperties("spec", Map.of("size", 3))
            .build();
    client.genericKubernetesResources(context).inNamespace(ns).resource(gizmo).create();
    io.fabric8.kubernetes.api.model.GenericKubernetesResource got =
        client.genericKubernetesResources(context).inNamespace(ns).withName("g1").get();
    assertThat(got.<Integer>get("spec", "size")).isEqualTo(3);
    assertThat(client.genericKubernetesResources(context).inNamespace(ns).list().getItems())
        .hasSize(1);
    io.fabric8.kubernetes.api.model.GenericKubernetesResource tooBig =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
            .withApiVersion("f8.example.com/v1")
            .withKind("Gizmo")
            .withNewMetadata()
            .withName("g2")
            .endMetadata()
            .addToAdditionalProperties("spec", Map.of("size", 6))
            .build();
    assertThatThrownBy(
            () ->
                client
                    .genericKubernetesResources(context)
                    .inNamespace(ns)
                    .resource(tooBig)
                    .create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining("spec.size in body should be less than or equal to 5");
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("gizmos.f8.example.com")
        .delete();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("gizmos.f8.example.com")
        .waitUntilCondition(c -> c == null, 30, TimeUnit.SECONDS);
  }
}
