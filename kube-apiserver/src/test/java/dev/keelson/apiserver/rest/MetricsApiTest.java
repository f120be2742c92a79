package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /metrics: store latency and registered watchers, as kube-apiserver names them. */
class MetricsApiTest {
  private static ApiServer server;
  private static HttpApi api;

  @BeforeAll
  static void start() {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    api = new HttpApi(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void storeRequestsAreTimedByOperationAndType() throws Exception {
    api.post("/api/v1/namespaces/default/configmaps", "{'metadata':{'name':'m1'}}");
    api.get("/api/v1/namespaces/default/configmaps/m1");
    String text = api.text("/metrics");
    assertThat(text).contains("# TYPE etcd_request_duration_seconds histogram");
    assertThat(
            value(
                text,
                "etcd_request_duration_seconds_count{operation=\"create\",type=\"configmaps\"}"))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            value(
                text, "etcd_request_duration_seconds_count{operation=\"get\",type=\"configmaps\"}"))
        .isGreaterThanOrEqualTo(1);
    // the start-up wrote namespaces and the kubernetes service with its ranges
    assertThat(
            value(
                text,
                "etcd_request_duration_seconds_count{operation=\"create\",type=\"namespaces\"}"))
        .isGreaterThanOrEqualTo(4);
  }

  @Test
  void watchersAreCountedWhileTheyWatch() throws Exception {
    String gauge = "apiserver_registered_watchers{group=\"\",version=\"v1\",kind=\"Secret\"}";
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<InputStream> watch =
        client.send(
            HttpRequest.newBuilder(
                    server
                        .url()
                        .resolve("/api/v1/namespaces/default/secrets?watch=true&timeoutSeconds=2"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(watch.statusCode()).isEqualTo(200);
    awaitValue(gauge, 1);
    // the server ends the watch after its timeout; the watcher is then gone
    watch.body().readAllBytes();
    awaitValue(gauge, 0);
  }

  private static void awaitValue(String series, long expected) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    long v = -1;
    while (Instant.now().isBefore(deadline)) {
      v = value(api.text("/metrics"), series);
      if (v == expected) {
        return;
      }
      Thread.onSpinWait();
      Thread.sleep(20); // polling with a deadline
    }
    assertThat(v).as(series).isEqualTo(expected);
  }

  private static long value(String text, String series) {
    Matcher m = Pattern.compile(Pattern.quote(series) + " (\\d+)").matcher(text);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
