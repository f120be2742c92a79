package dev.keelson.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.keelson.client.ClientConfig;
import dev.keelson.client.ConnectionException;
import dev.keelson.client.spi.TransportRequest;
import dev.keelson.client.spi.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK transport against a loopback HTTP server: compression as Go clients negotiate it. */
class HttpTransportTest {
  private static final String LIST =
      "{\"kind\":\"ConfigMapList\",\"items\":[" + "{},".repeat(5000) + "{}]}";

  private HttpServer server;
  private final AtomicReference<String> acceptEncoding = new AtomicReference<>();
  private HttpTransport transport;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String ae = ex.getRequestHeaders().getFirst("accept-encoding");
          acceptEncoding.set(ae);
          byte[] body = LIST.getBytes(StandardCharsets.UTF_8);
          if (ex.getRequestURI().getPath().equals("/broken")) {
            ex.getResponseHeaders().set("content-encoding", "gzip");
            body = new byte[] {31, -117, 8, 0, 1, 2, 3};
          } else if (ae != null && ae.contains("gzip")) {
            ex.getResponseHeaders().set("content-encoding", "gzip");
            body = gzip(body);
          }
          ex.getResponseHeaders().set("content-type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    transport = new HttpTransport(ClientConfig.builder(url).build());
  }

  @AfterEach
  void stop() {
    transport.close();
    server.stop(0);
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }

  private static TransportRequest get(String path) {
    return new TransportRequest("GET", path, List.of(), Map.of(), null);
  }

  @Test
  void asksForGzipAndHandsOnTheInflatedBody() {
    TransportResponse r = transport.send(get("/api/v1/configmaps"));
    assertThat(acceptEncoding.get()).isEqualTo("gzip");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(LIST);
    assertThat(r.headers().keySet()).noneMatch(k -> k.equalsIgnoreCase("content-encoding"));
    assertThat(r.headers().get("content-type")).containsExactly("application/json");
  }

  @Test
  void aBrokenGzipAnswerIsAConnectionError() {
    assertThatThrownBy(() -> transport.send(get("/broken")))
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("broken gzip answer to GET /broken");
  }

  @Test
  void inflationStopsAtItsBound() throws IOException {
    byte[] zeros = gzip(new byte[1 << 20]);
    assertThat(HttpTransport.inflate(zeros, 1 << 20, "GET /x")).hasSize(1 << 20);
    assertThatThrownBy(() -> HttpTransport.inflate(zeros, (1 << 20) - 1, "GET /x"))
        .isInstanceOf(ConnectionException.class)
        .hasMessage("the answer to GET /x inflates to more than 1048575 bytes");
  }
}
