package dev.keelson.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Probe;
import dev.keelson.api.json.KubeJson;
import dev.keelson.node.spi.ProbeRequest;
import dev.keelson.node.spi.ProbeResult;
import dev.keelson.node.spi.ProbeType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class NetworkProberTest {
  private final NetworkProber prober =
      new NetworkProber(r -> CompletableFuture.completedFuture(ProbeResult.SUCCESS));

  private ProbeResult run(String probeYaml, String containerYaml) throws Exception {
    Probe probe = KubeJson.decodeYaml(probeYaml, Probe.class);
    Container c = KubeJson.decodeYaml(containerYaml, Container.class);
    Pod pod = KubeJson.decodeYaml("metadata: {name: p}", Pod.class);
    return prober
        .probe(new ProbeRequest(ProbeType.READINESS, pod, c, "id", probe, List.of("127.0.0.1")))
        .toCompletableFuture()
        .get();
  }

  @Test
  void tcpSocketSucceedsWhenAConnectionOpensAndFailsWhenRefused() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(run("tcpSocket: {port: " + s.getLocalPort() + "}", "name: c"))
          .isEqualTo(ProbeResult.SUCCESS);
      assertThat(
              run(
                  "tcpSocket: {port: web}",
                  "{name: c, ports: [{name: web, containerPort: " + s.getLocalPort() + "}]}"))
          .as("a named port is the container's port of that name")
          .isEqualTo(ProbeResult.SUCCESS);
      closed = s.getLocalPort();
    }
    assertThat(run("tcpSocket: {port: " + closed + "}", "name: c")).isEqualTo(ProbeResult.FAILURE);
    assertThat(run("tcpSocket: {port: nosuch}", "name: c")).isEqualTo(ProbeResult.FAILURE);
  }

  @Test
  void httpGetSucceedsFor200To399AndSendsItsHeaders() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        x -> {
          String path = x.getRequestURI().getPath();
          int code =
              path.equals("/ok")
                  ? 200
                  : path.equals("/moved")
                      ? 302
                      : "yes".equals(x.getRequestHeaders().getFirst("X-Check")) ? 204 : 500;
          x.sendResponseHeaders(code, -1);
          x.close();
        });
    server.start();
    try {
      int port = server.getAddress().getPort();
      assertThat(run("httpGet: {path: /ok, port: " + port + "}", "name: c"))
          .isEqualTo(ProbeResult.SUCCESS);
      assertThat(run("httpGet: {path: /moved, port: " + port + "}", "name: c"))
          .as("redirects count as success and are not followed")
          .isEqualTo(ProbeResult.SUCCESS);
      assertThat(run("httpGet: {path: /fail, port: " + port + "}", "name: c"))
          .isEqualTo(ProbeResult.FAILURE);
      assertThat(
              run(
                  "httpGet: {path: /h, port: "
                      + port
                      + ", httpHeaders: [{name: X-Check, value: 'yes'}]}",
                  "name: c"))
          .isEqualTo(ProbeResult.SUCCESS);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void execProbesGoToTheExecProber() throws Exception {
    assertThat(run("exec: {command: [\"true\"]}", "name: c")).isEqualTo(ProbeResult.SUCCESS);
    assertThat(run("grpc: {port: 1}", "name: c")).isEqualTo(ProbeResult.UNKNOWN);
  }
}
