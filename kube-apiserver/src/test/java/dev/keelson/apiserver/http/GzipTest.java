package dev.keelson.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipTest {
  private static final byte[] LARGE =
      "{\"items\":[\"abcdefghij\"]}".repeat(20_000).getBytes(StandardCharsets.UTF_8);

  @Test
  void acceptsGzipUnlessRefusedWithQualityZero() {
    assertThat(Gzip.accepts("gzip")).isTrue();
    assertThat(Gzip.accepts("deflate, GZIP;q=0.5")).isTrue();
    assertThat(Gzip.accepts("gzip;q=0")).isFalse();
    assertThat(Gzip.accepts("br, deflate")).isFalse();
    assertThat(Gzip.accepts(null)).isFalse();
  }

  @Test
  void largeResponsesAreGzippedOnlyWhenTheClientAsks() throws Exception {
    try (HttpServer s =
        HttpServer.start(
            new HttpServerConfig(
                InetAddress.getLoopbackAddress(), 0, null, 1024, 10, Duration.ofSeconds(5)),
            exchange ->
                exchange.respond(
                    200,
                    Map.of("content-type", "application/json"),
                    exchange.request().path().equals("/small") ? new byte[] {'{', '}'} : LARGE))) {
      HttpClient client = HttpClient.newHttpClient();
      URI large = URI.create("http://127.0.0.1:" + s.port() + "/large");

      HttpResponse<byte[]> gz =
          client.send(
              HttpRequest.newBuilder(large).header("accept-encoding", "gzip").build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(gz.headers().firstValue("content-encoding")).contains("gzip");
      assertThat(gz.body().length).isLessThan(LARGE.length / 10);
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
        assertThat(in.readAllBytes()).isEqualTo(LARGE);
      }

      HttpResponse<byte[]> plain =
          client.send(
              HttpRequest.newBuilder(large).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
      assertThat(plain.body()).isEqualTo(LARGE);

      HttpResponse<byte[]> small =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/small"))
                  .header("accept-encoding", "gzip")
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(small.headers().firstValue("content-encoding")).isEmpty();
    }
  }
}
