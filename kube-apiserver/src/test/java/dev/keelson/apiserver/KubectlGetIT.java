package dev.keelson.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl get prints the server's Table columns, wide ones only with -o wide. */
class KubectlGetIT {
  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  @TempDir static Path dir;
  private static ApiServer server;
  private static Path kubeconfig;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl not installed at " + KUBECTL);
    server = ApiServer.start(ApiServerConfig.loopback(0).withoutAdmissionPlugins("ServiceAccount"));
    kubeconfig = dir.resolve("kubeconfig");
    server.adminKubeconfig("keelson").write(kubeconfig);
    String objects =
        """
        {"apiVersion":"v1","kind":"List","items":[
         {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0","namespace":"default"},
          "spec":{"containers":[{"name":"c","image":"nginx"},{"name":"d","image":"busybox"}]}},
         {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
          "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
           "template":{"metadata":{"labels":{"app":"web"}},
            "spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}]}
        """;
    Result created = kubectl(objects, "create", "--validate=false", "-f", "-");
    assertThat(created.code()).as(created.out()).isZero();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  record Result(int code, String out) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  private static Result kubectl(String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            KUBECTL.toString(),
            "--kubeconfig",
            kubeconfig.toString(),
            "--cache-dir",
            dir.resolve("cache").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
    return new Result(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void getPodsPrintsNameReadyStatusRestartsAge() throws Exception {
    Result r = kubectl(null, "get", "pods");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.lines().get(0)).matches("NAME +READY +STATUS +RESTARTS +AGE");
    assertThat(r.lines().get(1)).matches("web-0 +0/2 +Pending +0 +\\d+s");
  }

  @Test
  void getDeploymentsWideAddsContainersImagesSelector() throws Exception {
    Result narrow = kubectl(null, "get", "deploy");
    assertThat(narrow.code()).as(narrow.out()).isZero();
    assertThat(narrow.lines().get(0)).matches("NAME +READY +UP-TO-DATE +AVAILABLE +AGE");
    assertThat(narrow.lines().get(1)).matches("web +0/2 +0 +0 +\\d+s");

    Result wide = kubectl(null, "get", "deploy", "-o", "wide");
    assertThat(wide.code()).as(wide.out()).isZero();
    assertThat(wide.lines().get(0))
        .matches("NAME +READY +UP-TO-DATE +AVAILABLE +AGE +CONTAINERS +IMAGES +SELECTOR");
    assertThat(wide.lines().get(1)).matches("web +0/2 +0 +0 +\\d+s +nginx +nginx:1.27 +app=web");
  }

  @Test
  void allNamespacesReadTheNamespaceFromRowMetadataAndSortByUsesFullObjects() throws Exception {
    Result all = kubectl(null, "get", "pods", "-A");
    assertThat(all.code()).as(all.out()).isZero();
    assertThat(all.lines().get(0)).matches("NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE");
    assertThat(all.lines().get(1)).matches("default +web-0 +0/2 +Pending +0 +\\d+s");
    Result sorted = kubectl(null, "get", "pods", "--sort-by=.spec.containers[0].image");
    assertThat(sorted.code()).as(sorted.out()).isZero();
    assertThat(sorted.lines().get(1)).startsWith("web-0");
  }

  @Test
  void watchPrintsTheHeaderAndARowPerEvent() throws Exception {
    // the request timeout ends the watch, so kubectl exits on its own
    Result r = kubectl(null, "get", "pods", "-w", "--request-timeout=3s");
    assertThat(r.lines().get(0)).as(r.out()).matches("NAME +READY +STATUS +RESTARTS +AGE");
    assertThat(r.lines().get(1)).as(r.out()).matches("web-0 +0/2 +Pending +0 +\\d+s");
    Result one = kubectl(null, "get", "pod", "web-0", "-w", "--request-timeout=3s");
    assertThat(one.lines().get(1)).as(one.out()).startsWith("web-0 ");
  }

  @Test
  void getOneObjectAndAllNamespaces() throws Exception {
    Result one = kubectl(null, "get", "pod", "web-0", "-o", "wide");
    assertThat(one.code()).as(one.out()).isZero();
    assertThat(one.lines().get(0))
        .matches("NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES");
    Result all = kubectl(null, "get", "namespaces");
    assertThat(all.code()).as(all.out()).isZero();
    assertThat(all.out()).contains("kube-system").containsPattern("default +Active +\\d+s");
  }
}
