package dev.keelson.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.GroupVersionResource;
import dev.keelson.api.KubeList;
import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.apps.v1.DeploymentStatus;
import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.NamespaceSpec;
import dev.keelson.api.errors.AlreadyExistsException;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.WatchEvent;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The client's contract against a real API server, each test in its own namespace. Every transport
 * (plain HTTP/1.1, TLS with HTTP/2, later in-process) runs it through a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KubeClientContractTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private ApiServer server;
  private KubeClient client;

  /** The configuration of the server under test. */
  protected abstract ApiServerConfig serverConfig();

  /** A client of the transport under test for {@code server}. */
  protected abstract KubeClient connect(ApiServer server) throws Exception;

  @BeforeAll
  void start() throws Exception {
    server = ApiServer.start(serverConfig());
    client = connect(server);
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
    String name = "ns-" + NAMESPACES.incrementAndGet();
    client
        .resources(Namespace.class)
        .create(KubeJson.decodeYaml("metadata: {name: " + name + "}", Namespace.class));
    return name;
  }

  private static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMap(null, null, ObjectMeta.named(name), null, data, null);
  }

  private static Deployment deployment(String name, int replicas) {
    return KubeJson.decodeYaml(
        """
        metadata: {name: %s, labels: {app: %s}}
        spec:
          replicas: %d
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
              - {name: web, image: "nginx:1.27"}
        """
            .formatted(name, name, replicas, name, name),
        Deployment.class);
  }

  @Test
  void discoveryListsEveryGroupsPreferredResourcesCustomOnesIncluded() {
    ResourceType gizmos = ResourceType.of("contract.example.com", "v1", "Gizmo", "gizmos", true);
    if (server.registry().byGvr(gizmos.gvr()).isEmpty()) {
      server.registry().register(gizmos);
    }
    Discovery.Result found = client.discovery().preferredResources();
    assertThat(found.failedGroups()).isEmpty();
    ResourceType pods =
        found.resources().stream()
            .filter(t -> t.group().isEmpty() && t.plural().equals("pods"))
            .findFirst()
            .orElseThrow();
    assertThat(pods.kind()).isEqualTo("Pod");
    assertThat(pods.namespaced()).isTrue();
    assertThat(pods.verbs()).contains("list", "watch", "delete", "deletecollection");
    assertThat(found.resources()).noneMatch(t -> t.plural().contains("/"));
    assertThat(found.resources())
        .anyMatch(t -> t.group().equals("contract.example.com") && t.kind().equals("Gizmo"));
    assertThat(client.discovery().resources("apps/v1"))
        .extracting(ResourceType::plural)
        .contains("deployments", "replicasets");
  }

  @Test
  void aNamespacesFinalizersChangeThroughTheFinalizeSubresource() {
    String ns = newNamespace();
    Resources<Namespace> namespaces = client.resources(Namespace.class);
    Namespace current = namespaces.get(ns);
    assertThat(current.spec().finalizers()).containsExactly("kubernetes");
    Namespace finalized =
        namespaces.updateSubresource(
            current.withSpec(new NamespaceSpec(List.of("example.com/x"))), "finalize");
    assertThat(finalized.spec().finalizers()).containsExactly("example.com/x");
    assertThatThrownBy(() -> namespaces.updateSubresource(current, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void configMapsCanBeCreatedReadListedUpdatedAndDeleted() {
    Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace(newNamespace());

    ConfigMap created = maps.create(configMap("settings", Map.of("mode", "fast")));
    assertThat(created.metadata().uid()).isNotEmpty();
    assertThat(created.metadata().resourceVersion()).isNotEmpty();

    assertThat(maps.get("settings").data()).containsEntry("mode", "fast");
    assertThat(maps.list(ListOptions.none()).items())
        .extracting(c -> c.metadata().name())
        .containsExactly("settings");

    ConfigMap updated = maps.update(created.withData(Map.of("mode", "slow")));
    assertThat(updated.data()).containsEntry("mode", "slow");
    assertThat(updated.metadata().resourceVersion())
        .isNotEqualTo(created.metadata().resourceVersion());

    maps.delete("settings", null);
    assertThatThrownBy(() -> maps.get("settings")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void deploymentsAreAddressedUnderApisAppsAndCanBePatchedThreeWays() {
    Resources<Deployment> deployments =
        client.resources(Deployment.class).inNamespace(newNamespace());
    assertThat(deployments.type().group()).isEqualTo("apps");

    Deployment created = deployments.create(deployment("web", 1));
    assertThat(created.spec().replicas()).isEqualTo(1);
    assertThat(created.metadata().generation()).isEqualTo(1L);

    Deployment merged =
        deployments.patch(
            "web", PatchType.MERGE, KubeJson.parse("{\"spec\":{\"replicas\":3}}".getBytes()));
    assertThat(merged.spec().replicas()).isEqualTo(3);

    Deployment strategic =
        deployments.patch(
            "web",
            PatchType.STRATEGIC_MERGE,
            KubeJson.parse(
                """
                {"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}}}
                """
                    .getBytes()));
    assertThat(strategic.spec().template().spec().containers())
        .extracting(c -> c.name())
        .containsExactlyInAnyOrder("web", "sidecar");

    Deployment json =
        deployments.patch(
            "web",
            PatchType.JSON,
            KubeJson.parse(
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]".getBytes()));
    assertThat(json.spec().replicas()).isEqualTo(5);

    Deployment replaced = deployments.update(json.withSpec(json.spec().withReplicas(2)));
    assertThat(replaced.spec().replicas()).isEqualTo(2);

    deployments.delete("web", null);
    assertThatThrownBy(() -> deployments.get("web")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aStaleUpdateIsAConflict() {
    Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace(newNamespace());
    ConfigMap v1 = maps.create(configMap("c", Map.of("k", "1")));
    maps.update(v1.withData(Map.of("k", "2")));

    assertThatThrownBy(() -> maps.update(v1.withData(Map.of("k", "3"))))
        .isInstanceOf(ConflictException.class)
        .satisfies(
            e -> {
              ApiException a = (ApiException) e;
              assertThat(a.code()).isEqualTo(409);
              assertThat(a.reason()).isEqualTo("Conflict");
              assertThat(a.getMessage()).contains("the object has been modified");
            });
    assertThat(maps.get("c").data()).containsEntry("k", "2");
  }

  @Test
  void serverErrorsSurfaceAsTheirExceptionTypes() {
    Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace(newNamespace());
    assertThatThrownBy(() -> maps.get("absent"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("configmaps \"absent\" not found");
    assertThatThrownBy(() -> maps.delete("absent", null)).isInstanceOf(NotFoundException.class);

    maps.create(configMap("twice", Map.of()));
    assertThatThrownBy(() -> maps.create(configMap("twice", Map.of())))
        .isInstanceOf(AlreadyExistsException.class);

    assertThatThrownBy(() -> maps.create(configMap("Not_A_Name", Map.of())))
        .isInstanceOf(InvalidException.class)
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(422));
  }

  @Test
  void listsPageWithLimitAndContinueAndListAllFollowsEveryPage() {
    Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace(newNamespace());
    for (int i = 0; i < 7; i++) {
      maps.create(configMap("cm-" + i, Map.of("i", Integer.toString(i))));
    }

    KubeList<ConfigMap> first = maps.list(ListOptions.builder().limit(3L).build());
    assertThat(first.items()).hasSize(3);
    assertThat(first.metadata().continueToken()).isNotEmpty();

    List<String> names = new ArrayList<>();
    first.items().forEach(c -> names.add(c.metadata().name()));
    String token = first.metadata().continueToken();
    int pages = 1;
    while (token != null && !token.isEmpty()) {
      KubeList<ConfigMap> page =
          maps.list(ListOptions.builder().limit(3L).continueToken(token).build());
      page.items().forEach(c -> names.add(c.metadata().name()));
      token = page.metadata().continueToken();
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(names).hasSize(7).doesNotHaveDuplicates();

    assertThat(
            maps.listAll(ListOptions.builder().limit(2L).build())
                .map(c -> c.metadata().name())
                .collect(Collectors.toList()))
        .containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void labelSelectorsFilterListsAndDeleteCollection() {
    String ns = newNamespace();
    Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace(ns);
    for (String tier : List.of("web", "web", "db")) {
      ObjectMeta m =
          ObjectMeta.named(tier + "-" + NAMESPACES.incrementAndGet())
              .withLabels(Map.of("tier", tier));
      maps.create(new ConfigMap(null, null, m, null, Map.of(), null));
    }
    ListOptions web = ListOptions.builder().labelSelector("tier=web").build();
    assertThat(maps.list(web).items()).hasSize(2);

    maps.deleteCollection(web, null);
    assertThat(maps.list(ListOptions.none().toBuilder().build()).items())
        .extracting(c -> c.metadata().labels().get("tier"))
        .containsExactly("db");
    assertThat(client.resources(ConfigMap.class).list(web).items())
        .noneMatch(c -> ns.equals(c.metadata().namespace()));
  }

  @Test
  void aWatchReceivesAddedModifiedAndDeletedInOrder() throws Exception {
    Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace(newNamespace());
    String rv = maps.list(ListOptions.none()).metadata().resourceVersion();
    BlockingQueue<WatchEvent<ConfigMap>> events = new LinkedBlockingQueue<>();
    try (Watch watch =
        maps.watch(WatchOptions.builder().resourceVersion(rv).build(), events::add)) {
      ConfigMap c = maps.create(configMap("watched", Map.of("v", "1")));
      maps.update(c.withData(Map.of("v", "2")));
      maps.delete("watched", null);

      assertThat(next(events).type()).isEqualTo(WatchEvent.ADDED);
      WatchEvent<ConfigMap> modified = next(events);
      assertThat(modified.type()).isEqualTo(WatchEvent.MODIFIED);
      assertThat(modified.object().data()).containsEntry("v", "2");
      WatchEvent<ConfigMap> deleted = next(events);
      assertThat(deleted.type()).isEqualTo(WatchEvent.DELETED);
      assertThat(deleted.object().metadata().name()).isEqualTo("watched");

      watch.close();
      watch.terminated().toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  @Test
  void aWatchWithoutResourceVersionStartsWithTheCurrentObjects() throws Exception {
    Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace(newNamespace());
    maps.create(configMap("existing", Map.of()));
    BlockingQueue<WatchEvent<ConfigMap>> events = new LinkedBlockingQueue<>();
    try (Watch watch = maps.watch(WatchOptions.none(), events::add)) {
      WatchEvent<ConfigMap> first = next(events);
      assertThat(first.type()).isEqualTo(WatchEvent.ADDED);
      assertThat(first.object().metadata().name()).isEqualTo("existing");
    }
  }

  @Test
  void aWatchThatTheServerEndsCompletesTerminatedNormally() throws Exception {
    Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace(newNamespace());
    try (Watch watch =
        maps.watch(WatchOptions.builder().timeout(Duration.ofSeconds(1)).build(), e -> {})) {
      watch.terminated().toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  @Test
  void statusIsWrittenThroughUpdateStatusAndIgnoredByUpdate() {
    Resources<Deployment> deployments =
        client.resources(Deployment.class).inNamespace(newNamespace());
    Deployment created = deployments.create(deployment("st", 1));
    DeploymentStatus status =
        KubeJson.decodeYaml("observedGeneration: 1\nreplicas: 1\n", DeploymentStatus.class);

    Deployment viaUpdate = deployments.update(created.withStatus(status));
    assertThat(viaUpdate.status() == null ? null : viaUpdate.status().replicas()).isNull();

    Deployment viaStatus = deployments.updateStatus(viaUpdate.withStatus(status));
    assertThat(viaStatus.status().replicas()).isEqualTo(1);
    assertThat(deployments.get("st").status().observedGeneration()).isEqualTo(1L);
  }

  @Test
  void initialEventsEndWithABookmarkWhenAskedFor() throws Exception {
    Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace(newNamespace());
    maps.create(configMap("one", Map.of()));
    BlockingQueue<WatchEvent<ConfigMap>> events = new LinkedBlockingQueue<>();
    WatchOptions options =
        WatchOptions.builder().sendInitialEvents(true).allowBookmarks(true).build();
    try (Watch watch = maps.watch(options, events::add)) {
      WatchEvent<ConfigMap> added = next(events);
      assertThat(added.type()).isEqualTo(WatchEvent.ADDED);
      assertThat(added.object().metadata().name()).isEqualTo("one");
      WatchEvent<ConfigMap> bookmark = next(events);
      assertThat(bookmark.type()).isEqualTo(WatchEvent.BOOKMARK);
      assertThat(bookmark.object().metadata().annotations())
          .containsEntry("k8s.io/initial-events-end", "true");
      assertThat(bookmark.object().metadata().resourceVersion()).isNotEmpty();
    }
  }

  @Test
  void genericAccessWorksForAnyRegisteredResource() {
    String ns = newNamespace();
    Resources<GenericObject> maps =
        client.generic(new GroupVersionResource("", "v1", "configmaps")).inNamespace(ns);
    ObjectNode json =
        (ObjectNode)
            KubeJson.parse(
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"g\"},\"data\":{\"a\":\"b\"}}"
                    .getBytes());
    GenericObject created = maps.create(GenericObject.of(json));
    assertThat(created.metadata().uid()).isNotEmpty();
    assertThat(created.at("/data/a").asText()).isEqualTo("b");

    assertThat(client.resources(ConfigMap.class).inNamespace(ns).get("g").data())
        .containsEntry("a", "b");

    Resources<GenericObject> deployments = client.generic("apps/v1", "Deployment").inNamespace(ns);
    deployments.create(GenericObject.from(deployment("gd", 1)));
    assertThat(deployments.get("gd").at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(deployments.list(ListOptions.none()).items()).hasSize(1);
  }

  @Test
  void clusterScopedResourcesHaveNoNamespaceInTheirPath() {
    String ns = newNamespace();
    Namespace got = client.resources(Namespace.class).get(ns);
    assertThat(got.metadata().name()).isEqualTo(ns);
    assertThatThrownBy(() -> client.resources(Namespace.class).inNamespace("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster-scoped");
  }

  @Test
  void namespacedObjectsNeedANamespace() {
    assertThatThrownBy(() -> client.resources(ConfigMap.class).get("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inNamespace");
    String ns = newNamespace();
    ConfigMap withNamespace =
        new ConfigMap(null, null, ObjectMeta.named(ns, "from-meta"), null, Map.of(), null);
    assertThat(client.resources(ConfigMap.class).create(withNamespace).metadata().namespace())
        .isEqualTo(ns);
  }

  @Test
  void noServerIsAConnectionException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (KubeClient offline =
        KubeClient.connect(ClientConfig.builder(URI.create("http://127.0.0.1:" + port)).build())) {
      assertThatThrownBy(() -> offline.resources(ConfigMap.class).inNamespace("d").get("x"))
          .isInstanceOf(ConnectionException.class)
          .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(503))
          .hasMessageContaining("127.0.0.1:" + port);
    }
  }

  private static <T> WatchEvent<T> next(BlockingQueue<WatchEvent<T>> events)
      throws InterruptedException {
    WatchEvent<T> e = events.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(e).as("an event within " + DEADLINE).isNotNull();
    return e;
  }
}
