package dev.keelson.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.client.ConnectionException;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.client.Watch;
import dev.keelson.client.WatchOptions;
import dev.keelson.client.spi.Transport;
import dev.keelson.client.spi.TransportRequest;
import dev.keelson.client.spi.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The in-process transport: the same answers as HTTP, watches that end when either side closes, and
 * a server with no network listener.
 */
class InProcessTransportTest {
  private static final long DEADLINE_S = 20;

  private static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMap(null, null, ObjectMeta.named(name), null, data, null);
  }

  @Test
  void aServerWithoutAListenerHasNoUrlButServesInProcess() {
    try (ApiServer server = ApiServer.start(ApiServerConfig.loopback(0).withoutListener());
        KubeClient client = server.inProcessClient()) {
      assertThat(server.listens()).isFalse();
      assertThatThrownBy(server::url).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> server.adminKubeconfig("x"))
          .isInstanceOf(IllegalStateException.class);

      Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace("default");
      maps.create(configMap("a", Map.of("k", "v")));
      assertThat(maps.get("a").data()).containsEntry("k", "v");
    }
  }

  @Test
  void aListeningServerAnswersTheSameObjectsInProcessAndOverHttp() {
    try (ApiServer server = ApiServer.start(ApiServerConfig.loopback(0).plain());
        KubeClient local = server.inProcessClient();
        KubeClient remote =
            KubeClient.connect(dev.keelson.client.ClientConfig.builder(server.url()).build())) {
      local.resources(ConfigMap.class).inNamespace("default").create(configMap("b", Map.of()));
      ConfigMap viaHttp = remote.resources(ConfigMap.class).inNamespace("default").get("b");
      ConfigMap inProcess = local.resources(ConfigMap.class).inNamespace("default").get("b");
      assertThat(inProcess).isEqualTo(viaHttp);
    }
  }

  @Test
  void closingTheClientEndsItsWatchesAndLaterRequestsFail() throws Exception {
    try (ApiServer server = ApiServer.start(ApiServerConfig.loopback(0).withoutListener())) {
      KubeClient client = server.inProcessClient();
      Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace("default");
      Watch watch = maps.watch(WatchOptions.none(), e -> {});
      client.close();
      watch.terminated().toCompletableFuture().get(DEADLINE_S, TimeUnit.SECONDS);
      assertThatThrownBy(() -> maps.get("x")).isInstanceOf(ConnectionException.class);
      // the server is unaffected: another client still works
      try (KubeClient other = server.inProcessClient()) {
        assertThat(other.resources(ConfigMap.class).inNamespace("default").list(ListOptions.none()))
            .isNotNull();
      }
    }
  }

  @Test
  void closingTheServerEndsInProcessWatchesAndLaterRequestsFail() throws Exception {
    ApiServer server = ApiServer.start(ApiServerConfig.loopback(0).withoutListener());
    try (KubeClient client = server.inProcessClient()) {
      Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace("default");
      Watch watch = maps.watch(WatchOptions.none(), e -> {});
      server.close();
      watch.terminated().toCompletableFuture().get(DEADLINE_S, TimeUnit.SECONDS);
      assertThatThrownBy(() -> maps.get("x")).isInstanceOf(ConnectionException.class);
    }
  }

  @Test
  void closingAWatchReleasesTheServerSide() throws Exception {
    try (ApiServer server = ApiServer.start(ApiServerConfig.loopback(0).withoutListener());
        KubeClient client = server.inProcessClient()) {
      Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace("default");
      for (int i = 0; i < 50; i++) { // more watches than any in-flight bound would allow to leak
        Watch w = maps.watch(WatchOptions.none(), e -> {});
        w.close();
        w.terminated().toCompletableFuture().get(DEADLINE_S, TimeUnit.SECONDS);
      }
      assertThat(longRunning(server)).isZero();
    }
  }

  @Test
  void requestBodiesAreBoundedAsOverHttp() {
    try (ApiServer server =
            ApiServer.start(ApiServerConfig.loopback(0).withoutListener().withMaxBodyBytes(1024));
        KubeClient client = server.inProcessClient()) {
      Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace("default");
      assertThatThrownBy(() -> maps.create(configMap("big", Map.of("k", "x".repeat(4096)))))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(413));
    }
  }

  @Test
  void strictFieldValidationAndMetricsWorkInProcess() {
    try (ApiServer server = ApiServer.start(ApiServerConfig.loopback(0).withoutListener());
        Transport t = server.inProcessTransport();
        KubeClient client = KubeClient.over(t, server.registry(), "default")) {
      byte[] body =
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"s\"},\"bogus\":1}"
              .getBytes(StandardCharsets.UTF_8);
      TransportResponse r =
          t.send(
              new TransportRequest(
                  "POST",
                  "/api/v1/namespaces/default/configmaps",
                  List.of(Map.entry("fieldValidation", "Strict")),
                  Map.of("content-type", "application/json"),
                  body));
      assertThat(r.code()).isEqualTo(400);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("bogus");

      assertThatThrownBy(() -> client.resources(ConfigMap.class).inNamespace("default").get("nope"))
          .isInstanceOf(dev.keelson.api.errors.NotFoundException.class);

      String metrics = metrics(t);
      assertThat(metrics)
          .contains("verb=\"POST\"")
          .contains("resource=\"configmaps\"")
          .contains("code=\"400\"")
          .contains("code=\"404\"");
    }
  }

  private static String metrics(Transport t) {
    TransportResponse r =
        t.send(new TransportRequest("GET", "/metrics", List.of(), Map.of(), new byte[0]));
    assertThat(r.code()).isEqualTo(200);
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** The sum of apiserver_longrunning_requests, polled until it settles at zero or a deadline. */
  private static long longRunning(ApiServer server) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(DEADLINE_S).toNanos();
    try (Transport t = server.inProcessTransport()) {
      while (true) {
        long sum = 0;
        for (String line : metrics(t).split("\n")) {
          if (line.startsWith("apiserver_longrunning_requests{")) {
            sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          }
        }
        if (sum == 0 || System.nanoTime() > deadline) {
          return sum;
        }
        Thread.sleep(20);
      }
    }
  }
}
