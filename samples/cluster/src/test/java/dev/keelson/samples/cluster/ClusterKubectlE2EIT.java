package dev.keelson.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.store.testing.etcd.EtcdCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample cluster started as a user starts it (its own {@code java} process, the packaged jar
 * and classpath) and driven only with the real {@code kubectl}: one walkthrough per store, each on
 * its own cluster. The walkthrough is what {@code docs/getting-started.md} shows.
 */
class ClusterKubectlE2EIT {
  private static final Duration WATCH_TIMEOUT = Duration.ofSeconds(60);

  private static final String APP =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: demo
        labels: {app: web}
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web, tier: frontend}
          spec:
            terminationGracePeriodSeconds: 2
            containers:
            - name: web
              image: nginx:1.27
              ports:
              - containerPort: 80
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        namespace: demo
      spec:
        selector: {app: web}
        ports:
        - port: 80
          targetPort: 80
      """;

  private static final String CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: widgets.example.com
      spec:
        group: example.com
        scope: Namespaced
        names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
        versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    size: {type: integer}
                    color: {type: string}
          additionalPrinterColumns:
          - {name: Size, type: integer, jsonPath: .spec.size}
          - {name: Color, type: string, jsonPath: .spec.color}
          - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
      """;

  private static final String WIDGET =
      """
      apiVersion: example.com/v1
      kind: Widget
      metadata:
        name: blue
        namespace: demo
      spec: {size: 3, color: blue}
      """;

  @BeforeEach
  void requirements() {
    Assumptions.assumeTrue(
        KubectlCli.installed(), "kubectl is not installed at " + KubectlCli.BINARY);
    String reason = ClusterProcess.unavailabilityReason();
    Assumptions.assumeTrue(reason == null, reason);
  }

  @Test
  void kubectlDrivesTheClusterOnTheMemoryStore(@TempDir Path dir) throws Exception {
    try (ClusterProcess cluster = ClusterProcess.start(dir)) {
      walkthrough(cluster);
      cluster.stopCleanly();
    }
  }

  @Test
  void kubectlDrivesTheClusterOnEtcd(@TempDir Path dir) throws Exception {
    String reason = EtcdCluster.unavailabilityReason().orElse(null);
    Assumptions.assumeTrue(reason == null, "etcd not installed: " + reason);
    try (EtcdCluster etcd = EtcdCluster.start(1);
        ClusterProcess cluster =
            ClusterProcess.start(dir, "--store", etcd.storeUri("/keelson-e2e"))) {
      assertThat(cluster.log()).contains("store       etcd://");
      walkthrough(cluster);
      cluster.stopCleanly();
    }
  }

  @Test
  void objectsSurviveARestartOnTheFileStore(@TempDir Path dir) throws Exception {
    String store = "file:" + dir.resolve("data");
    KubectlCli kubectl = new KubectlCli(dir.resolve("kubeconfig"));
    try (ClusterProcess cluster = ClusterProcess.start(dir, "--store", store)) {
      walkthrough(cluster);
      kubectl.run("create", "namespace", "keep");
      kubectl.run("create", "deployment", "keep", "-n", "keep", "--image=busybox", "--replicas=2");
      kubectl.run("rollout", "status", "deployment/keep", "-n", "keep", "--timeout=60s");
      kubectl.run("apply", "-f", write(dir, "widget.yaml", WIDGET.replace("demo", "keep")));
      cluster.stopCleanly();
    }
    try (ClusterProcess cluster = ClusterProcess.start(dir, "--store", store)) {
      awaitNodesReady(kubectl);
      assertThat(kubectl.run("get", "deployment", "keep", "-n", "keep", "-o", "name"))
          .isEqualTo("deployment.apps/keep\n");
      assertThat(kubectl.run("rollout", "status", "deployment/keep", "-n", "keep", "--timeout=60s"))
          .contains("successfully rolled out");
      assertThat(kubectl.run("get", "widgets", "-n", "keep", "--no-headers"))
          .matches("(?s)blue\\s+3\\s+blue\\s+\\S+\\s*");
      // What was deleted before the restart stays deleted.
      assertThat(kubectl.exec("get", "namespace", "demo").stderr()).contains("NotFound");
      cluster.stopCleanly();
    }
  }

  /** The kubectl walkthrough of docs/getting-started.md; leaves no namespace {@code demo}. */
  private static void walkthrough(ClusterProcess cluster) throws IOException {
    KubectlCli kubectl = new KubectlCli(cluster.kubeconfig());
    Path dir = cluster.dir();

    // Nodes register and turn Ready.
    awaitNodesReady(kubectl);

    // A namespace, and a Deployment and a Service applied from YAML.
    assertThat(kubectl.run("create", "namespace", "demo")).contains("namespace/demo created");
    try (KubectlCli.Watch podWatch =
        kubectl.watch("get", "pods", "-n", "demo", "--watch", "--output-watch-events")) {
      String applied = kubectl.run("apply", "-f", write(dir, "web.yaml", APP));
      assertThat(applied).contains("deployment.apps/web created").contains("service/web created");
      assertThat(kubectl.run("rollout", "status", "deployment/web", "-n", "demo", "--timeout=60s"))
          .contains("deployment \"web\" successfully rolled out");
      // The watch saw the pods arrive and start.
      podWatch.awaitLine("ADDED\\s+web-\\S+\\s+.*", WATCH_TIMEOUT);
      podWatch.awaitLine("MODIFIED\\s+web-\\S+\\s+1/1\\s+Running\\s+.*", WATCH_TIMEOUT);
    }

    // Pods run on the nodes with pod IPs; the Service has them as endpoints.
    List<String> pods = lines(kubectl.run("get", "pods", "-n", "demo", "-o", "wide"));
    assertThat(pods.get(0)).startsWith("NAME").contains("IP").contains("NODE");
    assertThat(pods.subList(1, pods.size()))
        .hasSize(2)
        .allSatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "web-\\S+\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+10\\.244\\.\\d+\\.\\d+\\s+node-[123]\\s.*"));
    kubectl.awaitOutput(
        "two endpoints of service web",
        out -> out.split(" ").length == 2,
        "get",
        "endpoints",
        "web",
        "-n",
        "demo",
        "-o",
        "jsonpath={.subsets[*].addresses[*].ip}");

    // Scale.
    assertThat(kubectl.run("scale", "deployment/web", "-n", "demo", "--replicas=3"))
        .contains("deployment.apps/web scaled");
    kubectl.run("rollout", "status", "deployment/web", "-n", "demo", "--timeout=60s");
    assertThat(
            kubectl.run(
                "get",
                "deployment",
                "web",
                "-n",
                "demo",
                "-o",
                "jsonpath={.status.readyReplicas}/{.status.replicas}"))
        .isEqualTo("3/3");

    // A rolling update by changing the image, then back with rollout undo.
    kubectl.run("set", "image", "deployment/web", "-n", "demo", "web=nginx:1.28");
    kubectl.run("rollout", "status", "deployment/web", "-n", "demo", "--timeout=60s");
    assertThat(deploymentImage(kubectl)).isEqualTo("nginx:1.28");
    kubectl.awaitOutput(
        "three pods of nginx:1.28",
        out -> out.equals("nginx:1.28 nginx:1.28 nginx:1.28"),
        "get",
        "pods",
        "-n",
        "demo",
        "-l",
        "app=web",
        "-o",
        "jsonpath={.items[*].spec.containers[0].image}");
    assertThat(kubectl.run("rollout", "undo", "deployment/web", "-n", "demo"))
        .contains("deployment.apps/web rolled back");
    kubectl.run("rollout", "status", "deployment/web", "-n", "demo", "--timeout=60s");
    assertThat(deploymentImage(kubectl)).isEqualTo("nginx:1.27");
    // Undo scales the first ReplicaSet up again (now revision 3) instead of making a third one.
    assertThat(lines(kubectl.run("get", "rs", "-n", "demo", "-l", "app=web", "--no-headers")))
        .hasSize(2);
    assertThat(kubectl.run("rollout", "history", "deployment/web", "-n", "demo"))
        .containsPattern("(?m)^2\\s")
        .containsPattern("(?m)^3\\s")
        .doesNotContainPattern("(?m)^1\\s");
    kubectl.awaitOutput(
        "three pods of nginx:1.27 again",
        out -> out.equals("nginx:1.27 nginx:1.27 nginx:1.27"),
        "get",
        "pods",
        "-n",
        "demo",
        "-l",
        "app=web",
        "-o",
        "jsonpath={.items[*].spec.containers[0].image}");

    // Label selection.
    List<String> names =
        lines(kubectl.run("get", "pods", "-n", "demo", "-l", "app=web", "-o", "name"));
    assertThat(names).hasSize(3).allSatisfy(n -> assertThat(n).startsWith("pod/web-"));
    String first = names.get(0).substring("pod/".length());
    kubectl.run("label", "pod", first, "-n", "demo", "canary=true");
    assertThat(kubectl.run("get", "pods", "-n", "demo", "-l", "app=web,canary=true", "-o", "name"))
        .isEqualTo("pod/" + first + "\n");
    assertThat(
            lines(
                kubectl.run(
                    "get", "pods", "-n", "demo", "-l", "tier in (frontend),!canary", "-o", "name")))
        .hasSize(2)
        .doesNotContain("pod/" + first);
    assertThat(kubectl.exec("get", "pods", "-n", "demo", "-l", "tier=backend").stderr())
        .contains("No resources found in demo namespace.");

    // kubectl debug adds ephemeral containers: one that runs a command, one with a shell on stdin.
    kubectl.run(
        "debug",
        first,
        "-n",
        "demo",
        "--image=busybox",
        "-c",
        "dbg",
        "--profile=general",
        "--",
        "echo",
        "from-debug");
    assertThat(
            kubectl.awaitOutput(
                "the debug container's log",
                out -> out.contains("from-debug"),
                "logs",
                first,
                "-n",
                "demo",
                "-c",
                "dbg"))
        .isEqualTo("from-debug\n");
    KubectlCli.Result shell =
        kubectl.execWithInput(
            "echo typed-in-debug\nhostname\nexit\n",
            "debug",
            "-i",
            first,
            "-n",
            "demo",
            "--image=busybox",
            "-c",
            "shell",
            "--profile=general",
            "--",
            "sh");
    assertThat(shell.exitCode()).as(shell.all()).isZero();
    assertThat(shell.stdout()).contains("typed-in-debug\n" + first + "\n");
    assertThat(
            kubectl.run(
                "get",
                "pod",
                first,
                "-n",
                "demo",
                "-o",
                "jsonpath={range .status.ephemeralContainerStatuses[*]}{.name}={.ready}"
                    + " {end}|{.status.containerStatuses[0].ready}"))
        .as("ephemeral containers are never ready, and take nothing from the pod's readiness")
        .isEqualTo("dbg=false shell=false |true");

    // describe shows the scheduler's and the node agent's events.
    String described =
        kubectl.awaitOutput(
            "describe pod with the scheduler's and kubelet's events",
            out -> out.contains("Started"),
            "describe",
            "pod",
            first,
            "-n",
            "demo");
    assertThat(described)
        .contains("Events:")
        .containsPattern(
            "Normal\\s+Scheduled\\s+\\S+\\s+default-scheduler\\s+Successfully assigned demo/"
                + first
                + " to node-[123]")
        .containsPattern("Normal\\s+Pulled\\s+\\S+\\s+kubelet\\s+")
        .containsPattern("Normal\\s+Created\\s+\\S+\\s+kubelet\\s+Created container: web")
        .containsPattern("Normal\\s+Started\\s+\\S+\\s+kubelet\\s+Started container web");

    // A CustomResourceDefinition with printer columns, and a watch on its resources.
    kubectl.run("apply", "-f", write(dir, "crd.yaml", CRD));
    kubectl.run("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=60s");
    try (KubectlCli.Watch widgetWatch =
        kubectl.watch("get", "widgets", "-n", "demo", "--watch", "--output-watch-events")) {
      assertThat(kubectl.run("apply", "-f", write(dir, "widget.yaml", WIDGET)))
          .contains("widget.example.com/blue created");
      widgetWatch.awaitLine("ADDED\\s+blue\\s+3\\s+blue\\s+.*", WATCH_TIMEOUT);
      List<String> table = lines(kubectl.run("get", "wd", "-n", "demo"));
      assertThat(table.get(0)).matches("NAME\\s+SIZE\\s+COLOR\\s+AGE");
      assertThat(table.get(1)).matches("blue\\s+3\\s+blue\\s+\\S+");
      kubectl.run(
          "patch", "widget", "blue", "-n", "demo", "--type=merge", "-p", "{\"spec\":{\"size\":5}}");
      widgetWatch.awaitLine("MODIFIED\\s+blue\\s+5\\s+blue\\s+.*", WATCH_TIMEOUT);
      kubectl.run("apply", "-f", write(dir, "red.yaml", WIDGET.replace("blue", "red")));
      widgetWatch.awaitLine("ADDED\\s+red\\s+3\\s+red\\s+.*", WATCH_TIMEOUT);
      kubectl.run("delete", "widget", "blue", "-n", "demo");
      widgetWatch.awaitLine("DELETED\\s+blue\\s+.*", WATCH_TIMEOUT);
    }

    // Deleting the namespace removes everything in it; kubectl waits until it is gone.
    assertThat(kubectl.run("delete", "namespace", "demo", "--timeout=90s"))
        .contains("namespace \"demo\" deleted");
    assertThat(kubectl.exec("get", "namespace", "demo").stderr())
        .contains("namespaces \"demo\" not found");
    for (String kind : List.of("pods", "replicasets", "deployments", "services", "widgets")) {
      assertThat(kubectl.exec("get", kind, "-n", "demo").all())
          .as(kind)
          .contains("No resources found in demo namespace.");
    }
  }

  private static void awaitNodesReady(KubectlCli kubectl) {
    kubectl.awaitOutput(
        "three Ready nodes",
        out -> out.equals("node-1=True node-2=True node-3=True "),
        "get",
        "nodes",
        "-o",
        "jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type==\"Ready\")].status} {end}");
    assertThat(kubectl.run("wait", "--for=condition=Ready", "node", "--all", "--timeout=60s"))
        .contains("node/node-1 condition met");
  }

  private static String deploymentImage(KubectlCli kubectl) {
    return kubectl.run(
        "get",
        "deployment",
        "web",
        "-n",
        "demo",
        "-o",
        "jsonpath={.spec.template.spec.containers[0].image}");
  }

  private static List<String> lines(String text) {
    return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
  }

  private static String write(Path dir, String name, String yaml) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, yaml);
    return f.toString();
  }
}
