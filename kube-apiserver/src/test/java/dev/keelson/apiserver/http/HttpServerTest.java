package dev.keelson.apiserver.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.apiserver.tls.CertificateAuthority;
import dev.keelson.apiserver.tls.IssuedCertificate;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {
  private static final CertificateAuthority CA =
      CertificateAuthority.generate("test-ca", Duration.ofDays(1), InstantSource.system());
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private HttpServer server(boolean tls, int maxBody, int maxInFlight, HttpHandler handler)
      throws Exception {
    IssuedCertificate serving =
        tls
            ? CA.issueServer(
                "test",
                List.of("localhost"),
                List.of(InetAddress.getByName("127.0.0.1")),
                Duration.ofDays(1))
            : null;
    HttpServer s =
        HttpServer.start(
            new HttpServerConfig(
                InetAddress.getLoopbackAddress(),
                0,
                serving,
                maxBody,
                maxInFlight,
                Duration.ofSeconds(5)),
            handler);
    toClose.add(s);
    return s;
  }

  private static HttpClient client(HttpClient.Version version) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", CA.certificate().certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(ssl)
        .version(version)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static final HttpHandler ECHO =
      ex ->
          ex.respond(
              200,
              Map.of("content-type", "text/plain"),
              (ex.request().method()
                      + " "
                      + ex.request().path()
                      + " "
                      + ex.request().query()
                      + " "
                      + ex.request().protocol()
                      + " "
                      + new String(ex.request().body(), UTF_8))
                  .getBytes(UTF_8));

  @Test
  void servesHttp2OverTlsNegotiatedByAlpn() throws Exception {
    HttpServer s = server(true, 1024, 10, ECHO);
    HttpResponse<String> r =
        client(HttpClient.Version.HTTP_2)
            .send(
                HttpRequest.newBuilder(
                        URI.create("https://localhost:" + s.port() + "/api/v1?watch=true&x=a%20b"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(r.body()).isEqualTo("GET /api/v1 {watch=[true], x=[a b]} HTTP/2 ");
  }

  @Test
  void servesHttp11OverTlsToo() throws Exception {
    HttpServer s = server(true, 1024, 10, ECHO);
    HttpResponse<String> r =
        client(HttpClient.Version.HTTP_1_1)
            .send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + s.port() + "/x"))
                    .POST(HttpRequest.BodyPublishers.ofString("hello"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(r.body()).isEqualTo("POST /x {} HTTP/1.1 hello");
  }

  @Test
  void oversizedBodiesAnswer413AsAStatus() throws Exception {
    HttpServer s = server(false, 100, 10, ECHO);
    HttpResponse<String> r =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/x"))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(101)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body())
        .contains("\"reason\":\"RequestEntityTooLarge\"")
        .contains("Request entity too large: limit is 100");
  }

  @Test
  void requestsBeyondTheInFlightLimitAnswer429WithRetryAfter() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer s =
        server(
            false,
            100,
            1,
            ex -> {
              entered.countDown();
              release.await(10, TimeUnit.SECONDS);
              ex.respond(200, Map.of(), new byte[0]);
            });
    HttpClient c = HttpClient.newHttpClient();
    URI uri = URI.create("http://127.0.0.1:" + s.port() + "/x");
    CompletableFuture<HttpResponse<String>> first =
        c.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    HttpResponse<String> second =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.headers().firstValue("retry-after")).contains("1");
    assertThat(second.body()).contains("\"retryAfterSeconds\":1");
    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void handlerExceptionsBecome500Statuses() throws Exception {
    HttpServer s =
        server(
            false,
            100,
            10,
            ex -> {
              throw new IllegalStateException("boom");
            });
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/x")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("\"reason\":\"InternalError\"").contains("boom");
  }

  @Test
  void streamedResponsesArriveChunkByChunk() throws Exception {
    CountDownLatch firstRead = new CountDownLatch(1);
    HttpServer s =
        server(
            true,
            100,
            10,
            ex -> {
              try (ResponseStream out =
                  ex.stream(200, Map.of("content-type", "application/json"))) {
                out.write("{\"n\":1}\n".getBytes(UTF_8));
                assertThat(firstRead.await(10, TimeUnit.SECONDS)).isTrue();
                out.write("{\"n\":2}\n".getBytes(UTF_8));
              }
            });
    for (HttpClient.Version v : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
      HttpResponse<InputStream> r =
          client(v)
              .send(
                  HttpRequest.newBuilder(URI.create("https://localhost:" + s.port() + "/w"))
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      assertThat(r.version()).isEqualTo(v);
      try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), UTF_8))) {
        assertThat(in.readLine()).isEqualTo("{\"n\":1}"); // before the second is written
        firstRead.countDown();
        assertThat(in.readLine()).isEqualTo("{\"n\":2}");
        assertThat(in.readLine()).isNull();
      }
    }
  }

  @Test
  void garbageOnTheWireIsA400() throws Exception {
    HttpServer s = server(false, 100, 10, ECHO);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write("NOT HTTP AT ALL\r\n\r\n".getBytes(UTF_8));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("\"reason\":\"BadRequest\"");
    }
  }

  @Test
  void closingEndsStreamsAndStopsListening() throws Exception {
    CountDownLatch streaming = new CountDownLatch(1);
    HttpServer s =
        server(
            false,
            100,
            10,
            ex -> {
              try (ResponseStream out = ex.stream(200, Map.of())) {
                out.write("x\n".getBytes(UTF_8));
                streaming.countDown();
                ex.shuttingDown().toCompletableFuture().get(10, TimeUnit.SECONDS);
              }
            });
    HttpResponse<InputStream> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/w")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(streaming.await(10, TimeUnit.SECONDS)).isTrue();
    s.close();
    try (InputStream in = r.body()) {
      assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("x\n");
    }
    assertThat(connectable(s.port())).isFalse();
  }

  private static boolean connectable(int port) {
    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
