package dev.keelson.apiserver.kubelet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.Kubectl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl's {@code logs} and {@code exec} through the API server to a fake kubelet, over
 * verified TLS both ways (the kubelet's certificate from the cluster CA; the API server's kubelet
 * client certificate checked by the kubelet).
 */
class KubectlPodStreamsIT {
  @TempDir static Path dir;
  private static ApiServer server;
  private static FakeKubelet kubelet;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0).withoutAdmissionPlugins("ServiceAccount"));
    kubectl = Kubectl.forServer(server, dir);
    kubelet = new FakeKubelet(server.certificateAuthority(), true);
    int dead;
    try (ServerSocket s = new ServerSocket(0)) {
      dead = s.getLocalPort();
    }
    node("node-a", kubelet.port());
    node("node-dead", dead);
    pod("solo", "node-a", "main");
    pod("duo", "node-a", "a", "b");
    pod("pending", null, "main");
    pod("stray", "node-dead", "main");
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
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(f, "apiVersion: v1\nkind: Node\nmetadata:\n  name: " + name + "\n", UTF_8);
    kubectl.ok("create", "-f", f.toString());
    kubectl.ok(
        "patch",
        "node",
        name,
        "--subresource=status",
        "--type=merge",
        "-p",
        "{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"127.0.0.1\"}],"
            + "\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":"
            + port
            + "}}}}");
  }

  private static void pod(String name, String node, String... containers) throws Exception {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: ").append(name).append("\nspec:\n");
    if (node != null) {
      y.append("  nodeName: ").append(node).append('\n');
    }
    y.append("  containers:\n");
    for (String c : containers) {
      y.append("  - name: ").append(c).append("\n    image: busybox\n");
    }
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(f, y.toString(), UTF_8);
    kubectl.ok("create", "-f", f.toString());
  }

  @Test
  void logsPrintTheContainersLogWithTailTimestampsPreviousAndLimits() throws Exception {
    assertThat(kubectl.ok("logs", "solo"))
        .isEqualTo("main line 1\nmain line 2\nmain line 3\nmain line 4\nmain line 5\n");
    assertThat(kubectl.ok("logs", "solo", "--tail=2")).isEqualTo("main line 4\nmain line 5\n");
    assertThat(kubectl.ok("logs", "solo", "--tail=1", "--timestamps"))
        .isEqualTo("2026-11-25T00:00:05.000000000Z main line 5\n");
    assertThat(kubectl.ok("logs", "duo", "-c", "b", "--previous"))
        .isEqualTo("previous b line 1\nprevious b line 2\n");
    assertThat(kubectl.ok("logs", "solo", "--limit-bytes=9")).isEqualTo("main line");
    kubectl.ok("logs", "solo", "--since=1h");
    assertThat(kubelet.seen())
        .extracting(FakeKubelet.Seen::uri)
        .contains("/containerLogs/default/solo/main?sinceSeconds=3600");
  }

  @Test
  void theApiServerPresentsItsKubeletClientCertificate() throws Exception {
    kubectl.ok("logs", "solo", "--tail=1");
    assertThat(kubelet.seen())
        .extracting(FakeKubelet.Seen::clientSubject)
        .contains("CN=kube-apiserver-kubelet-client,O=system:masters");
  }

  @Test
  void logsOfAPodWithSeveralContainersDefaultToTheFirstAndRejectOthers() throws Exception {
    // kubectl itself picks the first container (the server's "must be specified" error is
    // covered by NodeProxyHttpTest).
    Kubectl.Result r = kubectl.run("logs", "duo", "--tail=1");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("a line 5\n");
    assertThat(r.err()).contains("Defaulted container \"a\" out of: a, b");
    Kubectl.Result unknown = kubectl.run("logs", "duo", "-c", "nope");
    assertThat(unknown.err()).contains("container nope is not valid for pod duo");
  }

  @Test
  void logsFollowStreamsUntilStopped() throws Exception {
    Process p = kubectl.start("logs", "-f", "solo");
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8))) {
      List<String> lines = new ArrayList<>();
      while (lines.size() < 8) {
        String line = out.readLine();
        assertThat(line).as("kubectl logs -f ended early after %s", lines).isNotNull();
        lines.add(line);
      }
      assertThat(lines)
          .containsExactly(
              "main line 1",
              "main line 2",
              "main line 3",
              "main line 4",
              "main line 5",
              "follow 1",
              "follow 2",
              "follow 3");
    } finally {
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void execRunsTheCommandAndPrintsItsOutput() throws Exception {
    assertThat(kubectl.ok("exec", "solo", "--", "echo", "hello", "world"))
        .isEqualTo("hello world\n");
  }

  @Test
  void execPropagatesStderrAndTheExitCode() throws Exception {
    Kubectl.Result r = kubectl.run("exec", "solo", "--", "fail");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("to stdout\n");
    assertThat(r.err()).contains("to stderr").contains("command terminated with exit code 3");
  }

  @Test
  void execWithStdinSendsInputAndEndsWhenItIsClosed() throws Exception {
    Kubectl.Result r = kubectl.runWithInput("one\ntwo\n", "exec", "-i", "solo", "--", "cat");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("one\ntwo\n");
  }

  @Test
  void execWithATerminalSendsTheTerminalSize() throws Exception {
    Path script = Path.of("/usr/bin/script");
    assumeTrue(Files.isExecutable(script), "script(1) is needed for a terminal: not installed");
    String line = String.join(" ", kubectl.commandLine("exec", "-it", "solo", "--", "resize"));
    Process p =
        new ProcessBuilder(script.toString(), "-qec", "stty cols 100 rows 30; " + line, "/dev/null")
            .redirectErrorStream(true)
            .start();
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl exec -it finished").isTrue();
      String out = new String(p.getInputStream().readAllBytes(), UTF_8);
      assertThat(out).contains("{\"Width\":100,\"Height\":30}");
    } finally {
      p.destroy();
    }
  }

  @Test
  void execErrorsReadAsKubeApiserversDo() throws Exception {
    assertThat(kubectl.run("exec", "pending", "--", "ls").err())
        .contains("pod pending does not have a host assigned");
    assertThat(kubectl.run("exec", "solo", "-c", "nope", "--", "ls").err())
        .contains("container nope is not valid for pod solo");
    Kubectl.Result dead = kubectl.run("exec", "stray", "--", "ls");
    assertThat(dead.exit()).isNotZero();
    assertThat(dead.err()).contains("error dialing backend").contains("connection refused");
    assertThat(kubectl.run("logs", "stray").err()).contains("connection refused");
    assertThat(kubectl.run("exec", "ghost", "--", "ls").err()).contains("pods \"ghost\" not found");
  }
}
