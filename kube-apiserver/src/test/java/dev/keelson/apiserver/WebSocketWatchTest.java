package dev.keelson.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Watches over WebSocket, as kube-apiserver serves them and fabric8 asks for them first: one text
 * message per watch event, Close frames in both directions, and errors found before the watch
 * starts refused as plain HTTP with their status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketWatchTest {
  private static final long DEADLINE_S = 20;

  private ApiServer server;
  private KubeClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    client = server.inProcessClient();
  }

  @AfterAll
  void stop() {
    client.close();
    server.close();
    http.close();
  }

  /** Collects whole text messages and the close code. */
  private static final class Collector implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.completeExceptionally(error);
    }
  }

  private WebSocket open(String pathAndQuery, Collector c) {
    URI uri = URI.create("ws://" + server.url().getAuthority() + pathAndQuery);
    return http.newWebSocketBuilder().buildAsync(uri, c).join();
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMap(null, null, ObjectMeta.named(name), null, Map.of("k", "v"), null);
  }

  @Test
  void eachEventIsOneTextMessageAndTheClientsCloseEndsTheWatch() throws Exception {
    Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace("default");
    String rv = maps.list(ListOptions.none()).metadata().resourceVersion();
    Collector c = new Collector();
    WebSocket ws =
        open("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=" + rv, c);
    maps.create(configMap("ws-1"));
    maps.delete("ws-1", null);

    JsonNode added = KubeJson.parse(next(c).getBytes(StandardCharsets.UTF_8));
    assertThat(added.get("type").asText()).isEqualTo("ADDED");
    assertThat(added.at("/object/metadata/name").asText()).isEqualTo("ws-1");
    assertThat(added.at("/object/kind").asText()).isEqualTo("ConfigMap");
    String deleted = next(c);
    assertThat(deleted).doesNotEndWith("\n");
    assertThat(KubeJson.parse(deleted.getBytes(StandardCharsets.UTF_8)).get("type").asText())
        .isEqualTo("DELETED");

    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    assertThat(c.closed.get(DEADLINE_S, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
  }

  @Test
  void aWatchTheServerEndsClosesTheWebSocketNormally() throws Exception {
    Collector c = new Collector();
    open("/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1", c);
    assertThat(c.closed.get(DEADLINE_S, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
  }

  @Test
  void anErrorBeforeTheWatchStartsRefusesTheUpgradeWithItsStatus() {
    Collector c = new Collector();
    assertThatThrownBy(
            () -> open("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=x", c))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(400));
  }

  @Test
  void aNonWatchRequestAskingForAnUpgradeIsAnsweredAsPlainHttp() {
    Collector c = new Collector();
    assertThatThrownBy(() -> open("/api/v1/namespaces/default/configmaps", c))
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(200));
  }

  private static String next(Collector c) throws InterruptedException {
    String m = c.messages.poll(DEADLINE_S, TimeUnit.SECONDS);
    assertThat(m).as("a message within %ss", DEADLINE_S).isNotNull();
    return m;
  }
}
