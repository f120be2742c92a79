package dev.keelson.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiHandlerHttpTest {
  private static final ResourceRegistry registry = ResourceRegistry.builtins();
  private static ApiServer server;
  private static final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @BeforeAll
  static void start() {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain().withRegistry(registry));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<byte[]> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(server.url().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void indexListsEveryGroupVersionWithTheHashOfItsDocument() throws Exception {
    HttpResponse<byte[]> r = get("/openapi/v3");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).contains("application/json");
    JsonNode paths = KubeJson.parse(r.body()).get("paths");
    assertThat(paths.has("api/v1")).isTrue();
    assertThat(paths.has("apis/apps/v1")).isTrue();
    assertThat(paths.has("apis/apiextensions.k8s.io/v1")).isTrue();
    String url = paths.at("/apis~1apps~1v1/serverRelativeURL").asText();
    assertThat(url).startsWith("/openapi/v3/apis/apps/v1?hash=");
    String hash = url.substring(url.indexOf("hash=") + 5);

    HttpResponse<byte[]> doc = get(url);
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.headers().firstValue("content-type")).contains("application/json");
    assertThat(doc.headers().firstValue("etag")).contains("\"" + hash + "\"");
    assertThat(doc.headers().firstValue("cache-control")).contains("public, immutable");
    assertThat(
            HexFormat.of()
                .withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-512").digest(doc.body())))
        .isEqualTo(hash);

    HttpResponse<byte[]> stale = get("/openapi/v3/apis/apps/v1?hash=0123");
    assertThat(stale.statusCode()).isEqualTo(301);
    assertThat(stale.headers().firstValue("location")).contains(url);

    HttpResponse<byte[]> plain = get("/openapi/v3/api/v1");
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(KubeJson.parse(plain.body()).get("openapi").asText()).isEqualTo("3.0.0");
    assertThat(plain.headers().firstValue("cache-control")).contains("no-cache, private");
  }

  @Test
  void unknownGroupVersionsAnswer404Status() throws Exception {
    for (String path :
        new String[] {"/openapi/v3/apis/nope/v1", "/openapi/v3/api/v7", "/openapi/v3/x"}) {
      HttpResponse<byte[]> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"kind\":\"Status\"");
    }
  }

  @Test
  void aCustomResourceGroupVersionIsPublishedWhileRegistered() throws Exception {
    registry.register(ResourceType.of("toys.example.net", "v1", "Toy", "toys", true));
    try {
      JsonNode paths = KubeJson.parse(get("/openapi/v3").body()).get("paths");
      assertThat(paths.has("apis/toys.example.net/v1")).isTrue();
      JsonNode doc = KubeJson.parse(get("/openapi/v3/apis/toys.example.net/v1").body());
      assertThat(doc.at("/components/schemas").has("net.example.toys.v1.Toy")).isTrue();
    } finally {
      registry.removeAll(new GroupResource("toys.example.net", "toys"));
    }
    assertThat(
            KubeJson.parse(get("/openapi/v3").body()).get("paths").has("apis/toys.example.net/v1"))
        .isFalse();
    assertThat(get("/openapi/v3/apis/toys.example.net/v1").statusCode()).isEqualTo(404);
  }
}
