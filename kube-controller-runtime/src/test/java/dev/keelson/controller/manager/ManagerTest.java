package dev.keelson.controller.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ManagedFieldsEntry;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.ClientConfig;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.informer.InformerOptions;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.informer.Transform;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The manager against a real API server, in-process and over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagerTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private ApiServer server;
  private KubeClient inProcess;
  private KubeClient remote;
  private final List<Manager> managers = new CopyOnWriteArrayList<>();

  @BeforeAll
  void startServer() {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    inProcess = server.inProcessClient();
    remote = KubeClient.connect(ClientConfig.builder(server.url()).build());
  }

  @AfterEach
  void closeManagers() {
    managers.forEach(Manager::close);
    managers.clear();
  }

  @AfterAll
  void stopServer() {
    remote.close();
    inProcess.close();
    server.close();
  }

  private String namespace() {
    String ns = "mgr-" + NAMESPACES.incrementAndGet();
    inProcess
        .resources(Namespace.class)
        .create(KubeJson.decodeYaml("metadata: {name: " + ns + "}", Namespace.class));
    return ns;
  }

  private Manager.Builder builder(KubeClient client) {
    return Manager.builder(client).gracefulShutdownTimeout(Duration.ofSeconds(5));
  }

  private Manager track(Manager m) {
    managers.add(m);
    return m;
  }

  private static ConfigMap configMap(String ns, String name) {
    return new ConfigMap("v1", "ConfigMap", ObjectMeta.named(ns, name), null, Map.of(), null);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-process", "over HTTP"})
  void startsInformersAndControllersAndStopsThemOnClose(String transport) throws Exception {
    KubeClient client = transport.equals("in-process") ? inProcess : remote;
    String ns = namespace();
    Manager mgr = track(builder(client).build());
    List<Request> seen = new CopyOnWriteArrayList<>();
    Controller c =
        mgr.controller(
                "maps",
                req -> {
                  seen.add(req);
                  return Result.done();
                })
            .forResource(mgr.informer(ConfigMap.class, InformerOptions.inNamespace(ns)))
            .build();
    mgr.add(c);
    assertThat(mgr.isLeader()).isFalse();
    mgr.start();
    assertThat(mgr.isLeader()).as("no leader election: leads at once").isTrue();
    client.resources(ConfigMap.class).inNamespace(ns).create(configMap(ns, "a"));
    await(() -> seen.contains(Request.of(ns, "a")));
    await(c::hasSynced);

    mgr.close();
    assertThat(mgr.terminated().toCompletableFuture()).isCompletedWithValue(null);
    assertThat(c.queue().isShuttingDown()).isTrue();
    assertThat(mgr.isLeader()).isFalse();
    assertThatThrownBy(mgr::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void controllersShareOneInformerPerResource() throws Exception {
    String ns = namespace();
    Manager mgr = track(builder(inProcess).build());
    SharedInformer<ConfigMap> first = mgr.informer(ConfigMap.class);
    SharedInformer<ConfigMap> second = mgr.informer(ConfigMap.class);
    assertThat(second).isSameAs(first);
    AtomicInteger a = new AtomicInteger();
    AtomicInteger b = new AtomicInteger();
    mgr.add(
        mgr.controller(
                "a",
                req -> {
                  a.incrementAndGet();
                  return Result.done();
                })
            .forResource(first)
            .build());
    mgr.add(
        mgr.controller(
                "b",
                req -> {
                  b.incrementAndGet();
                  return Result.done();
                })
            .forResource(second)
            .build());
    mgr.start();
    inProcess.resources(ConfigMap.class).inNamespace(ns).create(configMap(ns, "shared"));
    await(() -> a.get() >= 1 && b.get() >= 1);
    assertThat(mgr.informers().snapshot()).hasSize(1);
    assertThat(first.metrics().lists()).as("one list serves both controllers").isEqualTo(1);
    assertThat(first.metrics().watches()).isEqualTo(1);
  }

  @Test
  void controllerNamesAreUnique() {
    Manager mgr = track(builder(inProcess).build());
    SharedInformer<ConfigMap> maps = mgr.informer(ConfigMap.class);
    mgr.add(mgr.controller("x", req -> Result.done()).forResource(maps).build());
    assertThatThrownBy(
            () -> mgr.add(mgr.controller("x", req -> Result.done()).forResource(maps).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x' already added");
  }

  /** A component that records its life. */
  static final class Recording implements Component {
    final List<String> log = new CopyOnWriteArrayList<>();

    @Override
    public void start() {
      log.add("start");
    }

    @Override
    public void close() {
      log.add("close");
    }
  }

  @Test
  void componentsAddedToARunningManagerStartAtOnceAndAllCloseOnClose() {
    Manager mgr = track(builder(inProcess).build());
    Recording before = new Recording();
    Recording standby = new Recording();
    mgr.add(before);
    mgr.add(standby, Leadership.NOT_REQUIRED);
    mgr.start();
    Recording after = new Recording();
    mgr.add(after);
    assertThat(before.log).containsExactly("start");
    assertThat(standby.log).containsExactly("start");
    assertThat(after.log).containsExactly("start");
    mgr.close();
    assertThat(before.log).containsExactly("start", "close");
    assertThat(standby.log).containsExactly("start", "close");
    assertThat(after.log).containsExactly("start", "close");
    assertThatThrownBy(() -> mgr.add(new Recording())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aComponentThatFailsToStartStopsTheManager() throws Exception {
    Manager mgr = track(builder(inProcess).build());
    Recording other = new Recording();
    mgr.add(other, Leadership.NOT_REQUIRED);
    mgr.add(
        new Component() {
          @Override
          public void start() {
            throw new IllegalStateException("no port");
          }

          @Override
          public void close() {}
        });
    mgr.start();
    await(() -> mgr.terminated().toCompletableFuture().isDone());
    assertThat(mgr.terminated().toCompletableFuture())
        .isCompletedExceptionally()
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withMessageContaining("no port");
    assertThat(other.log).containsExactly("start", "close");
  }

  @Test
  void closeLetsRunningReconcilesFinish() throws Exception {
    String ns = namespace();
    Manager mgr = track(builder(inProcess).build());
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    Controller c =
        mgr.controller(
                "slow",
                req -> {
                  entered.countDown();
                  release.await();
                  finished.set(true);
                  return Result.done();
                })
            .forResource(mgr.informer(ConfigMap.class, InformerOptions.inNamespace(ns)))
            .build();
    mgr.add(c);
    mgr.start();
    inProcess.resources(ConfigMap.class).inNamespace(ns).create(configMap(ns, "a"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    Thread closer = Thread.ofVirtual().start(mgr::close);
    await(() -> c.queue().isShuttingDown());
    assertThat(closer.isAlive()).as("close waits for the running reconcile").isTrue();
    release.countDown();
    closer.join(Duration.ofSeconds(10));
    assertThat(closer.isAlive()).isFalse();
    assertThat(finished).isTrue();
    assertThat(mgr.controllerMetrics().stats("slow").totalByResult()).containsEntry("success", 1L);
  }

  @Test
  void closeIsBoundedWhenAReconcileNeverEnds() throws Exception {
    String ns = namespace();
    Manager mgr = track(builder(inProcess).gracefulShutdownTimeout(Duration.ofMillis(300)).build());
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    mgr.add(
        mgr.controller(
                "stuck",
                req -> {
                  entered.countDown();
                  never.await();
                  return Result.done();
                })
            .drainTimeout(Duration.ofSeconds(60))
            .forResource(mgr.informer(ConfigMap.class, InformerOptions.inNamespace(ns)))
            .build());
    mgr.start();
    inProcess.resources(ConfigMap.class).inNamespace(ns).create(configMap(ns, "a"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    long began = System.nanoTime();
    mgr.close();
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
    assertThat(mgr.terminated().toCompletableFuture()).isCompleted();
    never.countDown();
  }

  @Test
  void informersStripManagedFieldsByDefault() throws Exception {
    String ns = namespace();
    ManagedFieldsEntry entry =
        new ManagedFieldsEntry(
            "test",
            "Update",
            "v1",
            Instant.parse("2024-01-01T00:00:00Z"),
            "FieldsV1",
            JsonNodeFactory.instance.objectNode(),
            null);
    Resources<ConfigMap> maps = inProcess.resources(ConfigMap.class).inNamespace(ns);
    maps.create(
        new ConfigMap(
            "v1",
            "ConfigMap",
            ObjectMetaBuilder.builder()
                .namespace(ns)
                .name("mf")
                .managedFields(List.of(entry))
                .build(),
            null,
            Map.of(),
            null));
    assertThat(maps.get("mf").metadata().managedFields()).hasSize(1);

    Manager stripping = track(builder(inProcess).build());
    Manager keeping = track(builder(inProcess).transform(Transform.identity()).build());
    SharedInformer<ConfigMap> stripped =
        stripping.informer(ConfigMap.class, InformerOptions.inNamespace(ns));
    SharedInformer<ConfigMap> kept =
        keeping.informer(ConfigMap.class, InformerOptions.inNamespace(ns));
    stripping.start();
    keeping.start();
    assertThat(stripped.waitForSync(Duration.ofSeconds(10))).isTrue();
    assertThat(kept.waitForSync(Duration.ofSeconds(10))).isTrue();
    assertThat(stripped.indexer().get(ns, "mf").orElseThrow().metadata().managedFields()).isEmpty();
    assertThat(kept.indexer().get(ns, "mf").orElseThrow().metadata().managedFields()).hasSize(1);
  }

  @Test
  void healthReadinessAndMetricsOverHttp() throws Exception {
    String ns = namespace();
    Manager mgr =
        track(
            builder(inProcess)
                .serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .build());
    assertThatThrownBy(() -> mgr.readyzChecks().get("informer-sync").check())
        .as("not ready before the informers have started")
        .hasMessageContaining("not started");
    mgr.add(
        mgr.controller("maps", req -> Result.done())
            .forResource(mgr.informer(ConfigMap.class, InformerOptions.inNamespace(ns)))
            .build());
    mgr.start();
    await(() -> get(mgr, "/readyz").statusCode() == 200);

    assertThat(body(get(mgr, "/healthz"))).isEqualTo("200 ok");
    assertThat(body(get(mgr, "/healthz?verbose")))
        .isEqualTo("200 [+]ping ok\nhealthz check passed\n");
    assertThat(body(get(mgr, "/readyz?verbose")))
        .isEqualTo("200 [+]ping ok\n[+]informer-sync ok\nreadyz check passed\n");
    assertThat(body(get(mgr, "/readyz/informer-sync"))).isEqualTo("200 ok");

    mgr.addReadyzCheck(
        "database",
        () -> {
          throw new IllegalStateException("connection refused");
        });
    assertThat(body(get(mgr, "/readyz")))
        .as("a failure is always verbose and never shows the reason")
        .isEqualTo(
            "500 [+]ping ok\n[+]informer-sync ok\n[-]database failed: reason withheld\n"
                + "readyz check failed\n");
    assertThat(body(get(mgr, "/readyz/database")))
        .isEqualTo("500 internal server error: connection refused\n");
    assertThat(body(get(mgr, "/readyz?exclude=database"))).isEqualTo("200 ok");
    assertThat(body(get(mgr, "/readyz?verbose&exclude=database&exclude=nope")))
        .isEqualTo(
            "200 [+]ping ok\n[+]informer-sync ok\n[+]database excluded: ok\n"
                + "warn: some health checks cannot be excluded: no matches for \"nope\"\n"
                + "readyz check passed\n");
    assertThat(body(get(mgr, "/healthz"))).as("liveness is separate").isEqualTo("200 ok");
    assertThat(get(mgr, "/readyz/unknown").statusCode()).isEqualTo(404);
    assertThat(get(mgr, "/elsewhere").statusCode()).isEqualTo(404);

    inProcess.resources(ConfigMap.class).inNamespace(ns).create(configMap(ns, "m"));
    await(() -> mgr.controllerMetrics().stats("maps").reconciles() >= 1);
    HttpResponse<String> metrics = get(mgr, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.body())
        .contains("controller_runtime_reconcile_total{controller=\"maps\",result=\"success\"} ")
        .contains("controller_runtime_max_concurrent_reconciles{controller=\"maps\"} 1\n")
        .contains("controller_runtime_active_workers{controller=\"maps\"} ")
        .contains("controller_runtime_reconcile_time_seconds_count{controller=\"maps\"} ")
        .contains("workqueue_adds_total{name=\"maps\"} ")
        .contains("workqueue_depth{name=\"maps\"} ");
    InetSocketAddress bound = mgr.httpAddress();
    mgr.close();
    HttpClient http = HttpClient.newHttpClient();
    assertThatThrownBy(
            () ->
                http.send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + bound.getPort() + "/healthz"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .as("the endpoint stops with the manager")
        .isInstanceOf(java.io.IOException.class);
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(Manager mgr, String path) {
    try {
      HttpClient http = HTTP;
      URI uri = URI.create("http://127.0.0.1:" + mgr.httpAddress().getPort() + path);
      return http.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String body(HttpResponse<String> r) {
    return r.statusCode() + " " + r.body();
  }

  static void await(BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }
}
