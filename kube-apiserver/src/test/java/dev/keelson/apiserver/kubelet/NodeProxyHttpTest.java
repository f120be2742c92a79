package dev.keelson.apiserver.kubelet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.tls.CertificateAuthority;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node-proxied pod subresources over plain HTTP against a fake kubelet: validation as
 * kube-apiserver does it, logs streamed from the kubelet, and exec relayed over WebSocket.
 */
class NodeProxyHttpTest {
  private static final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static ApiServer server;
  private static FakeKubelet kubelet;
  private static int deadPort;

  @BeforeAll
  static void start() throws Exception {
    kubelet =
        new FakeKubelet(
            CertificateAuthority.generate("test-ca", Duration.ofDays(1), InstantSource.system()),
            false);
    server =
        ApiServer.start(
            ApiServerConfig.loopback(0)
                .withoutAdmissionPlugins("ServiceAccount")
                .plain()
                .withKubelet(KubeletClientConfig.defaults().withInsecureSkipTlsVerify(true)));
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort(); // closed again: nothing listens there
    }
    node("node-a", kubelet.port());
    node("node-dead", deadPort);
    pod("solo", "node-a", "main");
    pod("duo", "node-a", "a", "b");
    pod("pending", null, "main");
    pod("stray", "node-dead", "main");
    pod("orphan", "node-ghost", "main");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (kubelet != null) {
      kubelet.close();
    }
  }

  private static void node(String name, int port) throws Exception {
    send(
        "POST",
        "/api/v1/nodes",
        "{'apiVersion':'v1','kind':'Node','metadata':{'name':'" + name + "'}}");
    HttpResponse<String> r =
        send(
            "PATCH",
            "/api/v1/nodes/" + name + "/status",
            "{'status':{'addresses':[{'type':'Hostname','address':'"
                + name
                + "'},{'type':'InternalIP','address':'127.0.0.1'}],"
                + "'daemonEndpoints':{'kubeletEndpoint':{'Port':"
                + port
                + "}}}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static void pod(String name, String node, String... containers) throws Exception {
    List<String> cs = new ArrayList<>();
    for (String c : containers) {
      cs.add("{'name':'" + c + "','image':'busybox'}");
    }
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/namespaces/default/pods",
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'"
                + name
                + "'},'spec':{"
                + (node == null ? "" : "'nodeName':'" + node + "',")
                + "'containers':["
                + String.join(",", cs)
                + "]}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.url().resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')));
    if (method.equals("PATCH")) {
      b.header("Content-Type", "application/merge-patch+json");
    } else if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null);
  }

  private static JsonNode json(HttpResponse<String> r) {
    return KubeJson.parse(r.body().getBytes(UTF_8));
  }

  private static final String PODS = "/api/v1/namespaces/default/pods/";

  @Test
  void logsOfTheOnlyContainerComeFromTheKubeletWithTheOptionsPassedOn() throws Exception {
    HttpResponse<String> r = get(PODS + "solo/log?tailLines=2&timestamps=true&sinceSeconds=60");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/plain");
    assertThat(r.body())
        .isEqualTo(
            "2026-11-25T00:00:04.000000000Z main line 4\n"
                + "2026-11-25T00:00:05.000000000Z main line 5\n");
    assertThat(kubelet.seen())
        .extracting(FakeKubelet.Seen::uri)
        .contains("/containerLogs/default/solo/main?sinceSeconds=60&tailLines=2&timestamps=true");
  }

  @Test
  void logsOfAPodWithSeveralContainersNeedAContainerName() throws Exception {
    HttpResponse<String> r = get(PODS + "duo/log");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("message").asText())
        .isEqualTo("a container name must be specified for pod duo, choose one of: [a b]");
    assertThat(json(r).path("reason").asText()).isEqualTo("BadRequest");
    assertThat(get(PODS + "duo/log?container=b&previous=true").body())
        .isEqualTo("previous b line 1\nprevious b line 2\n");
  }

  @Test
  void aContainerNotInThePodIsABadRequest() throws Exception {
    HttpResponse<String> r = get(PODS + "duo/log?container=c");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("message").asText()).isEqualTo("container c is not valid for pod duo");
  }

  @Test
  void invalidLogOptionsAreRejectedAsPodLogOptions() throws Exception {
    HttpResponse<String> r = get(PODS + "solo/log?tailLines=-1&limitBytes=0");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(json(r).path("details").path("kind").asText()).isEqualTo("PodLogOptions");
    assertThat(json(r).path("details").path("causes").findValuesAsText("field"))
        .containsExactly("tailLines", "limitBytes");
    HttpResponse<String> both =
        get(PODS + "solo/log?sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z");
    assertThat(both.statusCode()).isEqualTo(422);
    assertThat(json(both).path("message").asText())
        .contains("at most one of `sinceTime` or `sinceSeconds` may be specified");
    assertThat(get(PODS + "solo/log?tailLines=many").statusCode()).isEqualTo(400);
  }

  @Test
  void unknownPodsAndNodesAreNotFound() throws Exception {
    HttpResponse<String> r = get(PODS + "nobody/log");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).path("message").asText()).isEqualTo("pods \"nobody\" not found");
    HttpResponse<String> ghost = get(PODS + "orphan/log");
    assertThat(ghost.statusCode()).isEqualTo(404);
    assertThat(json(ghost).path("message").asText()).isEqualTo("nodes \"node-ghost\" not found");
  }

  @Test
  void aPodWithoutANodeHasNoLogsAndCannotExec() throws Exception {
    HttpResponse<String> logs = get(PODS + "pending/log");
    assertThat(logs.statusCode()).isEqualTo(200);
    assertThat(logs.body()).isEmpty();
    HttpResponse<String> exec = get(PODS + "pending/exec?command=ls&stdout=true");
    assertThat(exec.statusCode()).isEqualTo(400);
    assertThat(json(exec).path("message").asText())
        .isEqualTo("pod pending does not have a host assigned");
  }

  @Test
  void anUnreachableNodeIsAnInternalErrorSayingWhatFailed() throws Exception {
    HttpResponse<String> r = get(PODS + "stray/log");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(json(r).path("message").asText())
        .startsWith("Get \"https://127.0.0.1:" + deadPort + "/containerLogs/default/stray/main\"")
        .contains("connection refused");
    HttpResponse<String> exec = wsStatus(PODS + "stray/exec?command=ls&stdout=true");
    assertThat(exec.statusCode()).isEqualTo(500);
    assertThat(json(exec).path("message").asText())
        .isEqualTo(
            "error dialing backend: dial tcp 127.0.0.1:"
                + deadPort
                + ": connect: connection refused");
  }

  @Test
  void execWithoutAnUpgradeIsABadRequest() throws Exception {
    HttpResponse<String> r = get(PODS + "solo/exec?command=ls&stdout=true");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("message").asText()).isEqualTo("Upgrade request required");
  }

  @Test
  void theKubeletsRefusalOfAnUpgradeReachesTheClient() throws Exception {
    pod("slow", "node-a", "waiting");
    HttpResponse<String> r = wsStatus(PODS + "slow/exec?command=ls&stdout=true");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("message").asText())
        .isEqualTo("container \"waiting\" in pod \"slow\" is waiting to start: ContainerCreating");
  }

  @Test
  void execOverV4RelaysStdoutStderrAndTheExitStatus() throws Exception {
    Session s = exec(PODS + "solo/exec?command=fail&stdout=true&stderr=true", "v4.channel.k8s.io");
    s.closed.get(10, TimeUnit.SECONDS);
    assertThat(s.protocol).isEqualTo("v4.channel.k8s.io");
    assertThat(s.stream(1)).as("frames: %s", s.describe()).isEqualTo("to stdout\n");
    assertThat(s.stream(2)).isEqualTo("to stderr\n");
    JsonNode status = KubeJson.parse(s.stream(3).getBytes(UTF_8));
    assertThat(status.path("reason").asText()).isEqualTo("NonZeroExitCode");
    assertThat(status.at("/details/causes/0/message").asText()).isEqualTo("3");
    assertThat(s.closeCode).isEqualTo(1000);
    assertThat(kubelet.seen())
        .extracting(FakeKubelet.Seen::uri)
        .contains("/exec/default/solo/main?command=fail&stderr=1&stdout=1");
  }

  @Test
  void execOverV5ClosesStdinWithTheCloseSignalAndRelaysResize() throws Exception {
    Session s = exec(PODS + "solo/exec?command=cat&stdin=true&stdout=true", "v5.channel.k8s.io");
    s.ws.sendBinary(ByteBuffer.wrap(new byte[] {0, 'h', 'i', '\n'}), true).join();
    s.ws.sendBinary(ByteBuffer.wrap(new byte[] {(byte) 255, 0}), true).join();
    s.closed.get(10, TimeUnit.SECONDS);
    assertThat(s.protocol).isEqualTo("v5.channel.k8s.io");
    assertThat(s.stream(1)).isEqualTo("hi\n");
    assertThat(s.stream(3)).contains("\"Success\"");

    Session tty = exec(PODS + "solo/exec?command=resize&stdout=true&tty=true", "v5.channel.k8s.io");
    byte[] size = "{\"Width\":80,\"Height\":24}".getBytes(UTF_8);
    ByteBuffer frame = ByteBuffer.allocate(size.length + 1).put((byte) 4).put(size).flip();
    tty.ws.sendBinary(frame, true).join();
    tty.closed.get(10, TimeUnit.SECONDS);
    assertThat(tty.stream(1)).isEqualTo("{\"Width\":80,\"Height\":24}\n");
  }

  @Test
  void attachRelaysStdinToTheContainerAndItsOutputBack() throws Exception {
    Session s = exec(PODS + "solo/attach?stdin=true&stdout=true", "v5.channel.k8s.io");
    s.ws.sendBinary(ByteBuffer.wrap(new byte[] {0, 'y', 'o'}), true).join();
    s.ws.sendBinary(ByteBuffer.wrap(new byte[] {(byte) 255, 0}), true).join();
    s.closed.get(10, TimeUnit.SECONDS);
    assertThat(s.stream(1)).isEqualTo("yo");
    assertThat(kubelet.seen())
        .extracting(FakeKubelet.Seen::uri)
        .contains("/attach/default/solo/main?stdin=1&stdout=1");
  }

  @Test
  void aClientThatDoesNotReadStopsTheRelayFromReadingTheKubelet() throws Exception {
    int frames = 2048; // 64 MiB: far beyond what socket buffers and water marks hold
    Session s = new Session();
    s.manualDemand = true; // reads nothing
    URI uri =
        URI.create(
            server.url().toString().replace("http://", "ws://")
                + PODS
                + "solo/exec?command=flood&command="
                + frames
                + "&stdout=true");
    int before = kubelet.floodWritten();
    s.ws =
        client
            .newWebSocketBuilder()
            .subprotocols("v5.channel.k8s.io")
            .buildAsync(uri, s)
            .get(10, TimeUnit.SECONDS);
    try {
      // The kubelet writes only while the API server reads from it: its progress must stall
      // well before the end, since the API server's client reads nothing.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      int last = -1;
      long stableSince = System.nanoTime();
      while (System.nanoTime() < deadline) {
        int now = kubelet.floodWritten() - before;
        if (now != last) {
          last = now;
          stableSince = System.nanoTime();
        } else if (System.nanoTime() - stableSince > TimeUnit.MILLISECONDS.toNanos(700)) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(last).as("frames the kubelet could write").isPositive().isLessThan(frames / 2);
    } finally {
      s.ws.abort();
    }
  }

  @Test
  void aLargeOutputArrivesWholeAndInOrder() throws Exception {
    int frames = 64; // 2 MiB
    Session s =
        exec(
            PODS + "solo/exec?command=flood&command=" + frames + "&stdout=true",
            "v5.channel.k8s.io");
    s.closed.get(30, TimeUnit.SECONDS);
    long total = 0;
    for (byte[] f : s.framesOf(1)) {
      for (int i = 1; i < f.length; i++) {
        if ((f[i] & 0xff) != ((int) ((total + i - 1) / (32 * 1024)) & 0xff)) {
          throw new AssertionError("byte " + (total + i - 1) + " out of order");
        }
      }
      total += f.length - 1;
    }
    assertThat(total).isEqualTo(frames * 32L * 1024);
    assertThat(s.stream(3)).contains("Success");
  }

  @Test
  void unsupportedSubprotocolsAreRefused() throws Exception {
    HttpResponse<String> r =
        rawUpgrade(server.url().resolve(PODS + "solo/exec?command=ls&stdout=true"), "chat");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("message").asText())
        .startsWith("unable to upgrade: unable to negotiate");
  }

  /** A WebSocket client session: what arrived on each channel, and how it ended. */
  private static final class Session implements WebSocket.Listener {
    final List<byte[]> frames = new ArrayList<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    WebSocket ws;
    String protocol;
    int closeCode;
    boolean manualDemand;

    @Override
    public void onOpen(WebSocket w) {
      if (!manualDemand) {
        w.request(1);
      }
    }

    synchronized List<byte[]> framesOf(int id) {
      List<byte[]> out = new ArrayList<>();
      for (byte[] f : frames) {
        if (f.length > 0 && (f[0] & 0xff) == id) {
          out.add(f);
        }
      }
      return out;
    }

    @Override
    public synchronized CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
      byte[] b = new byte[data.remaining()];
      data.get(b);
      partial.writeBytes(b);
      if (last) {
        frames.add(partial.toByteArray());
        partial.reset();
      }
      if (!manualDemand) {
        w.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
      closeCode = statusCode;
      closed.complete(null);
      return null;
    }

    @Override
    public void onError(WebSocket w, Throwable error) {
      closed.completeExceptionally(error);
    }

    synchronized String describe() {
      List<String> out = new ArrayList<>();
      for (byte[] f : frames) {
        out.add(
            f.length == 0
                ? "<empty>"
                : (f[0] & 0xff) + ":" + new String(f, 1, f.length - 1, UTF_8));
      }
      return out + " close " + closeCode;
    }

    synchronized String stream(int id) {
      StringBuilder out = new StringBuilder();
      for (byte[] f : frames) {
        if (f.length > 0 && (f[0] & 0xff) == id) {
          out.append(new String(f, 1, f.length - 1, UTF_8));
        }
      }
      return out.toString();
    }
  }

  private static Session exec(String path, String protocol) throws Exception {
    Session s = new Session();
    URI uri = URI.create(server.url().toString().replace("http://", "ws://") + path);
    s.ws =
        client
            .newWebSocketBuilder()
            .subprotocols(protocol)
            .buildAsync(uri, s)
            .get(10, TimeUnit.SECONDS);
    s.protocol = s.ws.getSubprotocol();
    return s;
  }

  /** The HTTP answer to a WebSocket handshake that is refused. */
  private static HttpResponse<String> wsStatus(String path) throws Exception {
    URI uri = URI.create(server.url().toString().replace("http://", "ws://") + path);
    try {
      client
          .newWebSocketBuilder()
          .subprotocols("v5.channel.k8s.io")
          .buildAsync(uri, new Session())
          .get(20, TimeUnit.SECONDS)
          .abort();
      throw new AssertionError("the upgrade succeeded");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
      return rawUpgrade(server.url().resolve(path), "v5.channel.k8s.io");
    }
  }

  /** Sends a WebSocket handshake over a plain socket and reads the (non-101) answer. */
  private static HttpResponse<String> rawUpgrade(URI uri, String protocol) throws Exception {
    try (java.net.Socket s = new java.net.Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(20_000);
      String req =
          "GET "
              + uri.getRawPath()
              + "?"
              + uri.getRawQuery()
              + " HTTP/1.1\r\nHost: "
              + uri.getAuthority()
              + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
              + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: "
              + protocol
              + "\r\n\r\n";
      s.getOutputStream().write(req.getBytes(UTF_8));
      java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
      String status = readLine(in);
      int code = Integer.parseInt(status.split(" ")[1]);
      int length = 0;
      for (String h = readLine(in); !h.isEmpty(); h = readLine(in)) {
        if (h.toLowerCase().startsWith("content-length:")) {
          length = Integer.parseInt(h.substring(15).trim());
        }
      }
      byte[] body = new byte[length];
      in.readFully(body);
      return new RawResponse(code, new String(body, UTF_8), uri);
    }
  }

  private static String readLine(java.io.DataInputStream in) throws java.io.IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  private record RawResponse(int statusCode, String body, URI uri) implements HttpResponse<String> {
    @Override
    public HttpRequest request() {
      return HttpRequest.newBuilder(uri).build();
    }

    @Override
    public java.util.Optional<HttpResponse<String>> previousResponse() {
      return java.util.Optional.empty();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true);
    }

    @Override
    public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
      return java.util.Optional.empty();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
