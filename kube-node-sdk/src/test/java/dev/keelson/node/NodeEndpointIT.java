package dev.keelson.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.api.core.v1.ContainerStatus;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.tls.CertificateAuthority;
import dev.keelson.apiserver.tls.IssuedCertificate;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.time.Clock;
import dev.keelson.node.simulated.SimulatedImage;
import dev.keelson.node.simulated.SimulatedRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl's {@code logs} and {@code exec} through a real API server (TLS, verifying the
 * node's serving certificate) to a node agent's HTTPS endpoint, on the simulated runtime writing
 * CRI log files.
 */
class NodeEndpointIT {
  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir static Path dir;
  static ApiServer server;
  static KubeClient client;
  static NodeAgent agent;
  static SimulatedRuntime runtime;
  static Path kubeconfig;
  static final String NS = "endpoint";

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl not installed at " + KUBECTL);
    server = ApiServer.start(ApiServerConfig.loopback(0).withoutAdmissionPlugins("ServiceAccount"));
    client = server.inProcessClient();
    kubeconfig = dir.resolve("kubeconfig");
    server.adminKubeconfig("keelson").write(kubeconfig);
    CertificateAuthority ca = server.certificateAuthority();
    IssuedCertificate serving =
        ca.issueServer(
            "node-a",
            List.of("node-a"),
            List.of(InetAddress.getByName("127.0.0.1")),
            Duration.ofDays(1));
    runtime =
        SimulatedRuntime.builder(Clock.system())
            .logFiles(true)
            .image(
                "sim/quiet",
                SimulatedImage.printing("one", "two", "three").withFile("/etc/motd", "welcome\n"))
            .image("sim/hello", SimulatedImage.printing("hello"))
            .build();
    agent =
        NodeAgent.start(
            client,
            NodeAgentConfig.builder("node-a")
                .runtime(runtime)
                .hostIp("127.0.0.1")
                .serverAddress("127.0.0.1")
                .kubeletPort(0)
                .podLogsDirectory(dir.resolve("pods").toString())
                .serving(
                    new NodeServing(
                        serving.privateKey(),
                        List.of(serving.certificate()),
                        List.of(ca.certificate().certificate())))
                .build());
    client
        .resources(Namespace.class)
        .create(KubeJson.decodeYaml("metadata: {name: " + NS + "}", Namespace.class));
    pod(
        """
        metadata: {name: quiet}
        spec:
          containers: [{name: c, image: sim/quiet, env: [{name: GREETING, value: hi}]}]
        """);
    awaitPod("quiet", "running", p -> running(p, "c"));
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void nodeReportsItsEndpoint() {
    var node = client.resources(dev.keelson.api.core.v1.Node.class).get("node-a");
    assertThat(node.status().daemonEndpoints().kubeletEndpoint().port())
        .isEqualTo(agent.serverPort())
        .isPositive();
  }

  @Test
  void logsTailAndTimestamps() throws Exception {
    assertThat(ok("logs", "-n", NS, "quiet")).isEqualTo("one\ntwo\nthree\n");
    assertThat(ok("logs", "-n", NS, "quiet", "--tail=2")).isEqualTo("two\nthree\n");
    assertThat(ok("logs", "-n", NS, "quiet", "--limit-bytes=6")).isEqualTo("one\ntw");
    List<String> stamped = ok("logs", "-n", NS, "quiet", "--timestamps").lines().toList();
    assertThat(stamped).hasSize(3);
    for (String l : stamped) {
      assertThat(l).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z (one|two|three)");
    }
    assertThat(ok("logs", "-n", NS, "quiet", "--since=1h")).isEqualTo("one\ntwo\nthree\n");
    Instant later = Instant.now().plusSeconds(60);
    assertThat(ok("logs", "-n", NS, "quiet", "--since-time=" + later)).isEmpty();
  }

  @Test
  void previousIsTheLastInstanceAfterARestart() throws Exception {
    pod(
        """
        metadata:
          name: crasher
          annotations: {sim.keelson.dev/exit-code.c: "3", sim.keelson.dev/run-for.c: "0.3"}
        spec:
          containers: [{name: c, image: sim/hello}]
        """);
    Result none = kubectl("logs", "-n", NS, "quiet", "--previous");
    assertThat(none.exit()).isNotZero();
    assertThat(none.err())
        .contains("previous terminated container \"c\" in pod \"quiet\" not found");
    awaitPod(
        "crasher",
        "restarted and exited twice",
        p ->
            status(p, "c") != null
                && status(p, "c").restartCount() >= 1
                && status(p, "c").lastState() != null
                && status(p, "c").lastState().terminated() != null);
    String previous = ok("logs", "-n", NS, "crasher", "--previous", "--timestamps");
    String current = ok("logs", "-n", NS, "crasher", "--timestamps");
    assertThat(previous.lines()).hasSize(1).allMatch(l -> l.endsWith(" hello"));
    assertThat(current.lines()).hasSize(1).allMatch(l -> l.endsWith(" hello"));
    assertThat(Instant.parse(previous.substring(0, previous.indexOf(' '))))
        .as("the previous instance wrote first")
        .isBefore(Instant.parse(current.substring(0, current.indexOf(' '))));
  }

  @Test
  void followStreamsLinesUntilTheContainerStops() throws Exception {
    pod(
        """
        metadata:
          name: ticker
          annotations: {sim.keelson.dev/log-every.c: "0.2", sim.keelson.dev/run-for.c: "3"}
        spec:
          restartPolicy: Never
          containers: [{name: c, image: sim/hello}]
        """);
    awaitPod("ticker", "running", p -> running(p, "c"));
    Process p =
        new ProcessBuilder(command("logs", "-n", NS, "-f", "ticker"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      List<String> lines = new ArrayList<>();
      long start = System.nanoTime();
      Instant firstTick = null;
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8))) {
        String l;
        while ((l = r.readLine()) != null) {
          lines.add(l);
          if (l.equals("tick 1")) {
            firstTick = Instant.now();
          }
          assertThat(System.nanoTime() - start).isLessThan(DEADLINE.toNanos());
        }
      }
      assertThat(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS))
          .as("kubectl logs -f ended when the container stopped")
          .isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(lines.get(0)).isEqualTo("hello");
      assertThat(lines.subList(1, lines.size()))
          .hasSizeGreaterThanOrEqualTo(5)
          .allMatch(l -> l.startsWith("tick "));
      assertThat(firstTick).as("lines arrived while the container ran").isNotNull();
      assertThat(Duration.between(firstTick, Instant.now())).isGreaterThan(Duration.ofSeconds(1));
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void attachStreamsTheContainersOutputUntilItExits() throws Exception {
    pod(
        """
        metadata:
          name: attached
          annotations: {sim.keelson.dev/log-every.c: "0.2"}
        spec:
          restartPolicy: Never
          containers: [{name: c, image: sim/hello}]
        """);
    awaitPod("attached", "running", p -> running(p, "c"));
    Process p =
        new ProcessBuilder(command("attach", "-n", NS, "attached", "-c", "c"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8))) {
      assertThat(r.readLine()).startsWith("tick ");
      assertThat(runtime.exit(NS, "attached", "c", 0)).isTrue();
      assertThat(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS))
          .as("kubectl attach ended when the container exited")
          .isTrue();
      assertThat(p.exitValue()).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void execOutputExitCodeAndStdin() throws Exception {
    assertThat(ok("exec", "-n", NS, "quiet", "--", "sh", "-c", "echo hi; cat /etc/motd; hostname"))
        .isEqualTo("hi\nwelcome\nquiet\n");
    assertThat(ok("exec", "-n", NS, "quiet", "--", "env")).contains("GREETING=hi\n");
    Result failed = kubectl("exec", "-n", NS, "quiet", "--", "sh", "-c", "echo out; exit 3");
    assertThat(failed.exit()).isEqualTo(3);
    assertThat(failed.out()).isEqualTo("out\n");
    assertThat(failed.err()).contains("command terminated with exit code 3");
    Result missing = kubectl("exec", "-n", NS, "quiet", "--", "cat", "/nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("cat: can't open '/nope': No such file or directory");
    Result echo = kubectlWithInput("abc\ndef\n", "exec", "-i", "-n", NS, "quiet", "--", "cat");
    assertThat(echo.exit()).as(echo.err()).isZero();
    assertThat(echo.out()).isEqualTo("abc\ndef\n");
  }

  @Test
  void refusesClientsWithoutTheApiServerCertificate() throws Exception {
    CertificateAuthority ca = server.certificateAuthority();
    URI logs =
        URI.create("https://127.0.0.1:" + agent.serverPort() + "/containerLogs/" + NS + "/quiet/c");
    HttpResponse<String> anonymous =
        http(ca, null)
            .send(HttpRequest.newBuilder(logs).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> someone =
        http(ca, ca.issueClient("someone", List.of("devs"), Duration.ofHours(1)))
            .send(HttpRequest.newBuilder(logs).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(someone.statusCode()).isEqualTo(403);
    assertThat(someone.body()).contains("user=someone");
    HttpResponse<String> apiServer =
        http(
                ca,
                ca.issueClient(
                    "kube-apiserver-kubelet-client",
                    List.of("system:masters"),
                    Duration.ofHours(1)))
            .send(HttpRequest.newBuilder(logs).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(apiServer.statusCode()).isEqualTo(200);
    assertThat(apiServer.body()).isEqualTo("one\ntwo\nthree\n");
  }

  private static HttpClient http(CertificateAuthority ca, IssuedCertificate clientCert)
      throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate().certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (clientCert != null) {
      keys.setKeyEntry(
          "me", clientCert.privateKey(), new char[0], new Certificate[] {clientCert.certificate()});
    }
    kmf.init(keys, new char[0]);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
  }

  private static void pod(String yaml) {
    Pod p = KubeJson.decodeYaml(yaml, Pod.class);
    p = p.withMetadata(p.metadata().withNamespace(NS));
    p = p.withSpec(p.spec().withNodeName("node-a"));
    client.resources(Pod.class).inNamespace(NS).create(p);
  }

  private static ContainerStatus status(Pod p, String c) {
    if (p.status() == null) {
      return null;
    }
    return p.status().containerStatuses().stream()
        .filter(s -> s.name().equals(c))
        .findFirst()
        .orElse(null);
  }

  private static boolean running(Pod p, String c) {
    ContainerStatus s = status(p, c);
    return s != null && s.state() != null && s.state().running() != null;
  }

  private static Pod awaitPod(String name, String what, Predicate<Pod> condition)
      throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < end) {
      Pod p = client.resources(Pod.class).inNamespace(NS).get(name);
      if (condition.test(p)) {
        return p;
      }
      Thread.sleep(20);
    }
    return fail("pod " + name + " not " + what + " within " + DEADLINE);
  }

  record Result(int exit, String out, String err) {}

  private static List<String> command(String... args) throws IOException {
    List<String> c = new ArrayList<>();
    c.add(KUBECTL.toString());
    c.add("--kubeconfig");
    c.add(kubeconfig.toString());
    c.add("--cache-dir");
    c.add(Files.createTempDirectory(dir, "cache").toString());
    c.addAll(List.of(args));
    return c;
  }

  private static Result kubectl(String... args) throws Exception {
    return kubectlWithInput(null, args);
  }

  private static Result kubectlWithInput(String input, String... args) throws Exception {
    Path call = Files.createTempDirectory(dir, "call");
    ProcessBuilder pb =
        new ProcessBuilder(command(args))
            .redirectOutput(call.resolve("out").toFile())
            .redirectError(call.resolve("err").toFile());
    if (input != null) {
      Files.writeString(call.resolve("in"), input);
      pb.redirectInput(call.resolve("in").toFile());
    }
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("kubectl " + List.of(args) + " did not finish");
    }
    return new Result(
        p.exitValue(),
        Files.readString(call.resolve("out")),
        Files.readString(call.resolve("err")));
  }

  private static String ok(String... args) throws Exception {
    Result r = kubectl(args);
    assertThat(r.exit()).as("kubectl %s: %s", List.of(args), r.err()).isZero();
    return r.out();
  }
}
