package dev.keelson.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Probe;
import dev.keelson.api.json.KubeJson;
import dev.keelson.node.internal.health.v1.HealthCheckRequest;
import dev.keelson.node.internal.health.v1.HealthCheckResponse;
import dev.keelson.node.spi.ProbeRequest;
import dev.keelson.node.spi.ProbeResult;
import dev.keelson.node.spi.ProbeType;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
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
    if (probe.timeoutSeconds() == null) {
      // Generous unless a test is about the timeout: a loaded machine must not fail a good probe.
      probe = probe.withTimeoutSeconds(10);
    }
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
    assertThat(run("{periodSeconds: 1}", "name: c"))
        .as("a probe without an action cannot run")
        .isEqualTo(ProbeResult.UNKNOWN);
  }

  @Test
  void grpcPassesOnlyWhenTheHealthServiceAnswersServing() throws Exception {
    java.util.Map<String, HealthCheckResponse.ServingStatus> statuses =
        java.util.Map.of(
            "", HealthCheckResponse.ServingStatus.SERVING,
            "db", HealthCheckResponse.ServingStatus.NOT_SERVING);
    java.util.List<String> userAgents = new java.util.concurrent.CopyOnWriteArrayList<>();
    ServerServiceDefinition health =
        ServerServiceDefinition.builder("grpc.health.v1.Health")
            .addMethod(
                GrpcHealth.CHECK,
                ServerCalls.asyncUnaryCall(
                    (HealthCheckRequest request, StreamObserver<HealthCheckResponse> answer) -> {
                      if (request.getService().equals("slow")) {
                        return; // never answers: the probe's deadline ends the call
                      }
                      HealthCheckResponse.ServingStatus status = statuses.get(request.getService());
                      if (status == null) {
                        answer.onError(
                            Status.NOT_FOUND.withDescription("unknown service").asException());
                        return;
                      }
                      answer.onNext(HealthCheckResponse.newBuilder().setStatus(status).build());
                      answer.onCompleted();
                    }))
            .build();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(health)
            .intercept(
                new ServerInterceptor() {
                  @Override
                  public <Q, R> ServerCall.Listener<Q> interceptCall(
                      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                    userAgents.add(
                        headers.get(
                            Metadata.Key.of("user-agent", Metadata.ASCII_STRING_MARSHALLER)));
                    return next.startCall(call, headers);
                  }
                })
            .build()
            .start();
    Server bare =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(
                ServerServiceDefinition.builder("other.Service")
                    .addMethod(
                        GrpcHealth.CHECK.toBuilder()
                            .setFullMethodName("other.Service/Check")
                            .build(),
                        ServerCalls.asyncUnaryCall((req, answer) -> answer.onCompleted()))
                    .build())
            .build()
            .start();
    try {
      int port = server.getPort();
      assertThat(GrpcHealth.check("127.0.0.1", port, "", java.time.Duration.ofSeconds(20)))
          .isEqualTo(new GrpcHealth.Outcome(true, ""));
      assertThat(GrpcHealth.check("127.0.0.1", port, "db", java.time.Duration.ofSeconds(20)))
          .isEqualTo(
              new GrpcHealth.Outcome(false, "service unhealthy (responded with \"NOT_SERVING\")"));
      assertThat(run("grpc: {port: " + port + "}", "name: c")).isEqualTo(ProbeResult.SUCCESS);
      assertThat(run("grpc: {port: " + port + ", service: db}", "name: c"))
          .as("NOT_SERVING")
          .isEqualTo(ProbeResult.FAILURE);
      assertThat(GrpcHealth.check("127.0.0.1", port, "nosuch", java.time.Duration.ofSeconds(20)))
          .as("an error status (NOT_FOUND)")
          .isEqualTo(
              new GrpcHealth.Outcome(
                  false,
                  "error: health rpc probe failed: Status{code=NOT_FOUND, description=unknown"
                      + " service, cause=null}"));
      long t0 = System.nanoTime();
      assertThat(run("{grpc: {port: " + port + ", service: slow}, timeoutSeconds: 1}", "name: c"))
          .as("no answer within timeoutSeconds")
          .isEqualTo(ProbeResult.FAILURE);
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0))
          .isBetween(java.time.Duration.ofMillis(900), java.time.Duration.ofSeconds(10));
      assertThat(
              GrpcHealth.check("127.0.0.1", bare.getPort(), "", java.time.Duration.ofSeconds(20)))
          .as("a server without the health service")
          .extracting(GrpcHealth.Outcome::message)
          .asString()
          .startsWith(
              "this server does not implement the grpc health protocol (grpc.health.v1.Health)");
      assertThat(userAgents).isNotEmpty().allMatch(ua -> ua.startsWith("kube-probe/1.32"));
    } finally {
      server.shutdownNow().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
      bare.shutdownNow().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    assertThat(GrpcHealth.check("127.0.0.1", closed, "", java.time.Duration.ofSeconds(20)))
        .as("connection refused")
        .extracting(GrpcHealth.Outcome::message)
        .asString()
        .startsWith("error: health rpc probe failed: Status{code=UNAVAILABLE");
  }
}
