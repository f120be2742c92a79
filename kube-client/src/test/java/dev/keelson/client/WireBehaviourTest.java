package dev.keelson.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.GoneException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.DeleteOptions;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.WatchEvent;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.client.spi.Transport;
import dev.keelson.client.spi.TransportRequest;
import dev.keelson.client.spi.TransportResponse;
import dev.keelson.client.spi.TransportStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the client puts on the wire and how it reads answers, through a scripted transport. */
class WireBehaviourTest {
  private static final String EMPTY_LIST =
      "{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"7\"},\"items\":[]}";

  /** Answers every request with one scripted response and stream body; records the requests. */
  static final class ScriptedTransport implements Transport {
    final List<TransportRequest> requests = new CopyOnWriteArrayList<>();
    int code = 200;
    String body = EMPTY_LIST;
    String streamBody = "";

    @Override
    public TransportResponse send(TransportRequest request) {
      requests.add(request);
      return new TransportResponse(code, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public TransportStream stream(TransportRequest request) {
      requests.add(request);
      InputStream in = new ByteArrayInputStream(streamBody.getBytes(StandardCharsets.UTF_8));
      return new TransportStream() {
        @Override
        public int code() {
          return code;
        }

        @Override
        public String header(String name) {
          return null;
        }

        @Override
        public InputStream body() {
          return in;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void close() {}

    TransportRequest last() {
      return requests.get(requests.size() - 1);
    }
  }

  private final ScriptedTransport transport = new ScriptedTransport();
  private final KubeClient client = KubeClient.over(transport, ResourceRegistry.builtins(), "team");

  @Test
  void resourcePathsComeFromTheRegistry() {
    client.resources(Pod.class).inNamespace("default").list(ListOptions.none());
    assertThat(transport.last().path()).isEqualTo("/api/v1/namespaces/default/pods");
    client.resources(Pod.class).list(ListOptions.none());
    assertThat(transport.last().path()).isEqualTo("/api/v1/pods");
    client.resources(Deployment.class).inNamespace("x").list(ListOptions.none());
    assertThat(transport.last().path()).isEqualTo("/apis/apps/v1/namespaces/x/deployments");
    client.resources(Namespace.class).list(ListOptions.none());
    assertThat(transport.last().path()).isEqualTo("/api/v1/namespaces");

    transport.body =
        "{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":\"d\"}}";
    Deployment d = KubeJson.decodeYaml("metadata: {name: d}", Deployment.class);
    client.resources(Deployment.class).inNamespace("x").updateStatus(d);
    assertThat(transport.last().method()).isEqualTo("PUT");
    assertThat(transport.last().path())
        .isEqualTo("/apis/apps/v1/namespaces/x/deployments/d/status");
    assertThat(client.namespace()).isEqualTo("team");
  }

  @Test
  void listAndWatchOptionsBecomeQueryParameters() {
    client
        .resources(ConfigMap.class)
        .inNamespace("n")
        .list(
            ListOptions.builder()
                .labelSelector("app=web,tier!=db")
                .fieldSelector("metadata.name=x")
                .limit(5L)
                .continueToken("tok")
                .build());
    assertThat(transport.last().query())
        .containsExactly(
            Map.entry("labelSelector", "app=web,tier!=db"),
            Map.entry("fieldSelector", "metadata.name=x"),
            Map.entry("limit", "5"),
            Map.entry("continue", "tok"));

    client
        .resources(ConfigMap.class)
        .watch(
            WatchOptions.builder()
                .resourceVersion("12")
                .allowBookmarks(true)
                .timeout(Duration.ofMinutes(5))
                .build(),
            e -> {});
    assertThat(transport.last().query())
        .containsExactly(
            Map.entry("watch", "true"),
            Map.entry("resourceVersion", "12"),
            Map.entry("allowWatchBookmarks", "true"),
            Map.entry("timeoutSeconds", "300"));
  }

  @Test
  void deleteSendsDeleteOptionsAsJson() {
    transport.body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\"}";
    DeleteOptions opts = new DeleteOptions(null, null, 0L, null, null, "Foreground", null);
    client.resources(ConfigMap.class).inNamespace("n").delete("c", opts);
    TransportRequest r = transport.last();
    assertThat(r.method()).isEqualTo("DELETE");
    assertThat(r.headers()).containsEntry("content-type", "application/json");
    assertThat(KubeJson.parse(r.body()).path("propagationPolicy").asText()).isEqualTo("Foreground");
  }

  @Test
  void aStatusBodyBecomesTheExceptionOfItsReason() {
    transport.code = 409;
    transport.body =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"modified\",\"reason\":\"Conflict\",\"code\":409}";
    assertThatThrownBy(() -> client.resources(ConfigMap.class).inNamespace("n").get("c"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("modified");
  }

  @Test
  void aNonStatusErrorBodyIsAnApiExceptionWithTheHttpCode() {
    transport.code = 502;
    transport.body = "<html>bad gateway</html>";
    assertThatThrownBy(() -> client.resources(ConfigMap.class).inNamespace("n").get("c"))
        .isExactlyInstanceOf(ApiException.class)
        .hasMessageContaining("HTTP 502")
        .hasMessageContaining("bad gateway")
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(502));

    transport.code = 404;
    transport.body = "404 page not found";
    assertThatThrownBy(() -> client.resources(ConfigMap.class).inNamespace("n").get("c"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("HTTP 404");
  }

  @Test
  void aWatchDeliversBookmarksAndEndsWithGoneOnAn410ErrorEvent() throws Exception {
    transport.streamBody =
        """
        {"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"41"}}}
        {"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","resourceVersion":"42"}}}
        {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 1 (40)","reason":"Expired","code":410}}
        {"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"never"}}}
        """;
    List<WatchEvent<ConfigMap>> events = new ArrayList<>();
    Watch w = client.resources(ConfigMap.class).watch(WatchOptions.none(), events::add);
    assertThatThrownBy(() -> w.terminated().toCompletableFuture().get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(GoneException.class)
        .hasMessageContaining("too old resource version");
    assertThat(events).extracting(WatchEvent::type).containsExactly("BOOKMARK", "ADDED");
    assertThat(events.get(0).object().metadata().resourceVersion()).isEqualTo("41");
    assertThat(events.get(1).object().metadata().name()).isEqualTo("a");
  }

  @Test
  void aListenerThatThrowsEndsTheWatchWithItsException() {
    transport.streamBody =
        "{\"type\":\"ADDED\",\"object\":{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}}\n";
    IllegalStateException boom = new IllegalStateException("boom");
    Watch w =
        client
            .resources(ConfigMap.class)
            .watch(
                WatchOptions.none(),
                e -> {
                  throw boom;
                });
    assertThatThrownBy(() -> w.terminated().toCompletableFuture().get(20, TimeUnit.SECONDS))
        .cause()
        .isSameAs(boom);
  }

  @Test
  void aRefusedWatchThrowsTheServersException() {
    transport.code = 422;
    transport.streamBody =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"bad\",\"reason\":\"Invalid\",\"code\":422}";
    assertThatThrownBy(() -> client.resources(ConfigMap.class).watch(WatchOptions.none(), e -> {}))
        .isInstanceOf(dev.keelson.api.errors.InvalidException.class);
  }

  @Test
  void objectsWithoutNameOrNamespaceAreRefusedBeforeAnyRequest() {
    ConfigMap noName = new ConfigMap(null, null, ObjectMeta.named(null), null, Map.of(), null);
    assertThatThrownBy(() -> client.resources(ConfigMap.class).inNamespace("n").update(noName))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metadata.name");
    ConfigMap noNamespace = new ConfigMap(null, null, ObjectMeta.named("x"), null, Map.of(), null);
    assertThatThrownBy(() -> client.resources(ConfigMap.class).create(noNamespace))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inNamespace");
    assertThat(transport.requests).isEmpty();
  }
}
