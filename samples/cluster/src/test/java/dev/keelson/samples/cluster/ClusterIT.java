package dev.keelson.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample cluster as a user starts it, driven by the real kubectl. */
class ClusterIT {
  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static final Path DIG = Path.of("/usr/bin/dig");

  @Test
  void threeSimulatedNodesAreReadyForKubectl(@TempDir Path dir) throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    ClusterMain.Options options =
        ClusterMain.Options.parse(
            new String[] {
              "--port",
              "0",
              "--dns-port",
              "0",
              "--kubeconfig-out",
              kubeconfig.toString(),
              "--nodes",
              "3"
            });
    try (Cluster cluster = Cluster.start(options)) {
      assertThat(cluster.nodes()).hasSize(3);
      assertThat(cluster.readyNodes()).isEqualTo(3);

      Assumptions.assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed at " + KUBECTL);
      String out =
          kubectl(
              kubeconfig,
              "get",
              "nodes",
              "-o",
              "jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type==\"Ready\")].status} {end}");
      assertThat(out.trim()).isEqualTo("node-1=True node-2=True node-3=True");

      // A Deployment goes through the controllers, the scheduler and the simulated nodes.
      kubectl(kubeconfig, "create", "deployment", "web", "--image=nginx", "--replicas=3");
      String rollout = kubectl(kubeconfig, "rollout", "status", "deployment/web", "--timeout=60s");
      assertThat(rollout).contains("successfully rolled out");
      String pods =
          kubectl(
              kubeconfig,
              "get",
              "pods",
              "-l",
              "app=web",
              "-o",
              "jsonpath={range .items[*]}{.spec.nodeName} {.status.phase}{\"\\n\"}{end}");
      assertThat(pods.lines())
          .hasSize(3)
          .allSatisfy(l -> assertThat(l).matches("node-[123] Running"));

      // kubectl logs and exec reach the pod's node through the API server (the node's endpoint).
      kubectl(
          kubeconfig,
          "run",
          "talker",
          "--image=busybox",
          "--restart=Never",
          "--",
          "sh",
          "-c",
          "echo hello from talker; hostname; sleep 3600");
      kubectl(kubeconfig, "wait", "--for=condition=Ready", "pod/talker", "--timeout=60s");
      assertThat(kubectl(kubeconfig, "logs", "talker")).isEqualTo("hello from talker\ntalker\n");
      assertThat(kubectl(kubeconfig, "exec", "talker", "--", "sh", "-c", "echo hi; hostname"))
          .isEqualTo("hi\ntalker\n");
    }
  }

  @Test
  void componentsRunSeparatelyAgainstTheApiServerOverHttps(@TempDir Path dir) throws Exception {
    Path kc = dir.resolve("kubeconfig");
    String k = kc.toString();
    try (Cluster api =
            Cluster.start(
                ClusterMain.Options.parse(
                    new String[] {
                      "--component", "apiserver", "--port", "0", "--kubeconfig-out", k
                    }));
        Cluster controllers =
            Cluster.start(
                ClusterMain.Options.parse(
                    new String[] {"--component", "controllers", "--kubeconfig", k}));
        Cluster scheduler =
            Cluster.start(
                ClusterMain.Options.parse(
                    new String[] {"--component", "scheduler", "--kubeconfig", k}));
        Cluster nodes =
            Cluster.start(
                ClusterMain.Options.parse(
                    new String[] {
                      "--component",
                      "node",
                      "--kubeconfig",
                      k,
                      "--nodes",
                      "2",
                      "--node-prefix",
                      "worker-"
                    }))) {
      assertThat(api.nodes()).isEmpty();
      assertThat(controllers.server()).isNull();
      assertThat(nodes.nodes()).hasSize(2);
      Assumptions.assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed at " + KUBECTL);
      kubectl(kc, "create", "deployment", "split", "--image=nginx", "--replicas=2");
      assertThat(kubectl(kc, "rollout", "status", "deployment/split", "--timeout=60s"))
          .contains("successfully rolled out");
      String pods =
          kubectl(
              kc,
              "get",
              "pods",
              "-l",
              "app=split",
              "-o",
              "jsonpath={range .items[*]}{.spec.nodeName}{\"\\n\"}{end}");
      assertThat(pods.lines()).hasSize(2).allSatisfy(l -> assertThat(l).matches("worker-[12]"));
    }
  }

  @Test
  void clusterDnsAnswersForTheKubernetesService(@TempDir Path dir) throws Exception {
    ClusterMain.Options options =
        ClusterMain.Options.parse(
            new String[] {
              "--port",
              "0",
              "--kubeconfig-out",
              dir.resolve("kc").toString(),
              "--nodes",
              "0",
              "--dns-port",
              "0"
            });
    try (Cluster cluster = Cluster.start(options)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!cluster.dnsSynced()) {
        assertThat(System.nanoTime()).as("DNS synced within 10 s").isLessThan(deadline);
        Thread.sleep(10);
      }
      Assumptions.assumeTrue(Files.isExecutable(DIG), "dig is not installed at " + DIG);
      String out =
          run(
              DIG.toString(),
              "@127.0.0.1",
              "-p",
              String.valueOf(cluster.dns().port()),
              "+short",
              "kubernetes.default.svc.cluster.local");
      assertThat(out.trim()).isEqualTo("10.96.0.1");
    }
  }

  private static String kubectl(Path kubeconfig, String... args)
      throws IOException, InterruptedException {
    String[] command = new String[args.length + 3];
    command[0] = KUBECTL.toString();
    command[1] = "--kubeconfig";
    command[2] = kubeconfig.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    return run(command);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }
}
