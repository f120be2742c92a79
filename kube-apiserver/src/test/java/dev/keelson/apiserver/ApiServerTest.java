package dev.keelson.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiServerTest {
  private static ApiServer server;
  private static final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> send(String method, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(server.url().resolve(path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void versionHasExactlyTheFieldsClientsExpect() throws Exception {
    HttpResponse<String> r = send("GET", "/version");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).contains("application/json");
    JsonNode v = KubeJson.parse(r.body().getBytes());
    assertThat(v.properties())
        .extracting(java.util.Map.Entry::getKey)
        .containsExactly(
            "major",
            "minor",
            "gitVersion",
            "gitCommit",
            "gitTreeState",
            "buildDate",
            "goVersion",
            "compiler",
            "platform");
    assertThat(v.get("buildDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(v.get("gitVersion").asText()).startsWith("v1.32.");
  }

  @Test
  void healthEndpointsAnswerOk() throws Exception {
    for (String p : new String[] {"/healthz", "/livez", "/readyz"}) {
      HttpResponse<String> r = send("GET", p);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("ok");
    }
    assertThat(send("GET", "/readyz?verbose").body()).contains("readyz check passed");
  }

  @Test
  void unknownPathsAnswer404AsAStatus() throws Exception {
    HttpResponse<String> r = send("GET", "/no/such/thing");
    assertThat(r.statusCode()).isEqualTo(404);
    JsonNode s = KubeJson.parse(r.body().getBytes());
    assertThat(s.get("kind").asText()).isEqualTo("Status");
    assertThat(s.get("reason").asText()).isEqualTo("NotFound");
    assertThat(s.get("code").asInt()).isEqualTo(404);
  }

  @Test
  void wrongVerbsAnswer405() throws Exception {
    HttpResponse<String> r = send("POST", "/version");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.body()).contains("\"reason\":\"MethodNotAllowed\"");
  }

  @Test
  void plainServersHaveAnHttpUrlAndNoCa() {
    assertThat(server.url().getScheme()).isEqualTo("http");
    assertThat(server.certificateAuthority()).isNull();
    assertThat(URI.create(server.url().toString()).getPort()).isEqualTo(server.port());
  }

  @Test
  void headAnswersHeadersWithoutABody() throws Exception {
    HttpResponse<String> r = send("HEAD", "/version");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(Long.parseLong(r.headers().firstValue("content-length").orElseThrow())).isPositive();
  }
}
