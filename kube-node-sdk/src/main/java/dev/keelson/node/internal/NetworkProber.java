package dev.keelson.node.internal;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.ContainerPort;
import dev.keelson.api.core.v1.GRPCAction;
import dev.keelson.api.core.v1.HTTPGetAction;
import dev.keelson.api.core.v1.HTTPHeader;
import dev.keelson.api.core.v1.Probe;
import dev.keelson.api.values.IntOrString;
import dev.keelson.node.spi.ProbeRequest;
import dev.keelson.node.spi.ProbeResult;
import dev.keelson.node.spi.Prober;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubelet's network probes, run from the node against the pod's IP (or the probe's {@code host}):
 * {@code tcpSocket} succeeds when a connection opens within {@code timeoutSeconds}; {@code httpGet}
 * when the answer's status is 200-399 (kubelet's rule; its headers are sent, redirects are not
 * followed, at most 10 KiB of body is read); {@code grpc} when the pod's gRPC health service
 * answers {@code SERVING} ({@link GrpcHealth}). Exec probes go to {@code exec}.
 */
public final class NetworkProber implements Prober {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkProber.class);
  private static final int MAX_BODY = 10 * 1024;
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private final Prober exec;

  /** Network probes here, exec probes through {@code exec}. */
  public NetworkProber(Prober exec) {
    this.exec = exec;
  }

  @Override
  public CompletionStage<ProbeResult> probe(ProbeRequest request) {
    Probe p = request.probe();
    if (p.exec() != null) {
      return exec.probe(request);
    }
    if (p.tcpSocket() == null && p.httpGet() == null && p.grpc() == null) {
      return CompletableFuture.completedFuture(ProbeResult.UNKNOWN);
    }
    CompletableFuture<ProbeResult> f = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("probe")
        .start(
            () -> {
              try {
                f.complete(
                    p.tcpSocket() != null
                        ? tcp(request)
                        : p.httpGet() != null ? http(request) : grpc(request));
              } catch (RuntimeException e) {
                f.complete(ProbeResult.FAILURE);
              }
            });
    return f;
  }

  private static ProbeResult tcp(ProbeRequest r) {
    String host = host(r.probe().tcpSocket().host(), r);
    int port = port(r.probe().tcpSocket().port(), r.container());
    if (host == null || port <= 0) {
      return ProbeResult.FAILURE;
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), timeoutMillis(r));
      return ProbeResult.SUCCESS;
    } catch (IOException e) {
      return ProbeResult.FAILURE;
    }
  }

  private static ProbeResult http(ProbeRequest r) {
    HTTPGetAction g = r.probe().httpGet();
    String host = host(g.host(), r);
    int port = port(g.port(), r.container());
    if (host == null || port <= 0) {
      return ProbeResult.FAILURE;
    }
    String scheme = g.scheme() == null || g.scheme().isEmpty() ? "http" : g.scheme().toLowerCase();
    String path = g.path() == null || g.path().isEmpty() ? "/" : g.path();
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    String h = host.contains(":") ? "[" + host + "]" : host;
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(scheme + "://" + h + ":" + port + path))
            .timeout(Duration.ofMillis(timeoutMillis(r)))
            .header("User-Agent", "kube-probe/1.32")
            .GET();
    for (HTTPHeader header : g.httpHeaders()) {
      try {
        b.setHeader(header.name(), header.value());
      } catch (IllegalArgumentException restricted) {
        // Host and other headers the JDK client sets itself
      }
    }
    try {
      HttpResponse<InputStream> answer =
          HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = answer.body()) {
        body.readNBytes(MAX_BODY);
      }
      int code = answer.statusCode();
      return code >= 200 && code < 400 ? ProbeResult.SUCCESS : ProbeResult.FAILURE;
    } catch (IOException e) {
      return ProbeResult.FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeResult.FAILURE;
    }
  }

  private static ProbeResult grpc(ProbeRequest r) {
    GRPCAction g = r.probe().grpc();
    String host = host(null, r);
    if (host == null || g.port() == null || g.port() <= 0 || g.port() > 65535) {
      return ProbeResult.FAILURE;
    }
    GrpcHealth.Outcome o =
        GrpcHealth.check(host, g.port(), g.service(), Duration.ofMillis(timeoutMillis(r)));
    if (!o.serving()) {
      LOG.debug("grpc probe of {} failed: {}", r.containerId(), o.message());
    }
    return o.serving() ? ProbeResult.SUCCESS : ProbeResult.FAILURE;
  }

  private static String host(String given, ProbeRequest r) {
    if (given != null && !given.isEmpty()) {
      return given;
    }
    return r.podIps().isEmpty() ? null : r.podIps().get(0);
  }

  /** A port number, or a named container port resolved as kubelet does; -1 if unknown. */
  static int port(IntOrString port, Container container) {
    if (port == null) {
      return -1;
    }
    if (port.isInt()) {
      return port.intValue();
    }
    for (ContainerPort p : container.ports()) {
      if (port.stringValue().equals(p.name()) && p.containerPort() != null) {
        return p.containerPort();
      }
    }
    try {
      return Integer.parseInt(port.stringValue());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int timeoutMillis(ProbeRequest r) {
    Integer t = r.probe().timeoutSeconds();
    return (t == null || t <= 0 ? 1 : t) * 1000;
  }
}
