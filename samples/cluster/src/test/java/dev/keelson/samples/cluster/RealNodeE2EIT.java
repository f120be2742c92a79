package dev.keelson.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.node.cri.testing.BusyboxImage;
import dev.keelson.node.cri.testing.Containerd;
import dev.keelson.testkit.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample cluster with a real node: one node agent on containerd (CRI), the {@code iptables}
 * service proxy and Keelson's cluster DNS, all inside a network namespace this test creates (the
 * cluster process, containerd, its CNI bridge, the pods, the proxy's rules and kubectl), so nothing
 * touches the host's network. A Deployment of two {@code busybox httpd} pods behind a ClusterIP
 * Service, and a client pod that resolves the Service by its DNS name through the cluster DNS
 * (reached through the {@code kube-dns} Service) and gets a page from one of the backends.
 */
class RealNodeE2EIT {
  /** The node's address inside the namespace: queries and kubelet calls go to it. */
  private static final String NODE_IP = "10.200.0.1";

  private final List<List<String>> cleanUp = new ArrayList<>();
  private Containerd containerd;
  private ClusterProcess cluster;

  @AfterEach
  void tearDown() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    if (containerd != null) {
      containerd.close();
    }
    for (List<String> c : cleanUp.reversed()) {
      run(c, false);
    }
  }

  @Test
  void aClientPodReachesABusyboxServiceByItsDnsNameThroughTheProxy(@TempDir Path dir)
      throws Exception {
    Assumptions.assumeTrue(
        Containerd.unavailabilityReason().isEmpty(),
        () -> "no real containerd here: " + Containerd.unavailabilityReason().orElse(""));
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/iptables-restore")),
        "iptables-restore is not installed (Debian package iptables)");
    Assumptions.assumeTrue(KubectlCli.installed(), "kubectl is not installed at /usr/bin/kubectl");
    String reason = ClusterProcess.unavailabilityReason();
    Assumptions.assumeTrue(reason == null, reason);

    String netns = "keelson-e2e-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
    run(List.of("ip", "netns", "add", netns), true);
    cleanUp.add(List.of("ip", "netns", "del", netns));
    List<String> in = List.of("ip", "netns", "exec", netns);
    run(List.of("ip", "-n", netns, "link", "set", "lo", "up"), true);
    // The node's own address (this kernel has no dummy links: one end of a veth pair).
    run(List.of("ip", "-n", netns, "link", "add", "node0", "type", "veth", "peer", "node1"), true);
    run(List.of("ip", "-n", netns, "addr", "add", NODE_IP + "/24", "dev", "node0"), true);
    run(List.of("ip", "-n", netns, "link", "set", "node0", "up"), true);
    run(List.of("ip", "-n", netns, "link", "set", "node1", "up"), true);
    List<String> forward = new ArrayList<>(in);
    forward.addAll(List.of("sysctl", "-qw", "net.ipv4.ip_forward=1"));
    run(forward, true);

    containerd = Containerd.start(netns);
    cluster =
        ClusterProcess.start(
            dir,
            in,
            "--nodes",
            "1",
            "--runtime",
            "cri",
            "--containerd-socket",
            containerd.socket().toString(),
            "--proxy",
            "iptables",
            "--node-ip",
            NODE_IP,
            "--dns-address",
            NODE_IP,
            "--dns-port",
            "53");
    KubectlCli kubectl = new KubectlCli(cluster.kubeconfig(), in);

    Eventually.await(
        "the containerd node to be Ready",
        Duration.ofSeconds(60),
        () -> kubectl.run("get", "nodes", "--no-headers").contains(" Ready "));
    kubectl.run("create", "namespace", "e2e");
    Path manifests = dir.resolve("web.yaml");
    Files.writeString(manifests, manifests());
    kubectl.run("apply", "-f", manifests.toString());
    KubectlCli.Result rollout =
        kubectl.exec("-n", "e2e", "rollout", "status", "deployment/web", "--timeout=120s");
    assertThat(rollout.exitCode())
        .as("rollout: %s%n%s", rollout.all(), diagnostics(kubectl))
        .isZero();
    String wide = kubectl.run("-n", "e2e", "get", "pods", "-l", "app=web", "-o", "wide");
    String subnetPrefix = containerd.subnet().substring(0, containerd.subnet().lastIndexOf('.'));
    assertThat(wide.lines().skip(1).filter(l -> l.contains(" Running ")))
        .as(wide)
        .hasSize(2)
        .allSatisfy(l -> assertThat(l).contains(subnetPrefix + "."));

    Path client = dir.resolve("client.yaml");
    Files.writeString(client, clientPod());
    kubectl.run("apply", "-f", client.toString());
    Eventually.await(
        "the client pod to finish",
        Duration.ofSeconds(120),
        () -> {
          String phase =
              kubectl.run("-n", "e2e", "get", "pod", "client", "-o", "jsonpath={.status.phase}");
          return phase.equals("Succeeded") || phase.equals("Failed");
        });
    String logs = kubectl.run("-n", "e2e", "logs", "client");
    String clusterIp =
        kubectl.run("-n", "e2e", "get", "service", "web", "-o", "jsonpath={.spec.clusterIP}");
    List<String> backends =
        List.of(
            kubectl
                .run(
                    "-n",
                    "e2e",
                    "get",
                    "pods",
                    "-l",
                    "app=web",
                    "-o",
                    "jsonpath={.items[*].metadata.name}")
                .split(" "));
    assertThat(logs)
        .as("resolved through the cluster DNS")
        .contains("resolved web to " + clusterIp);
    assertThat(logs).as("answered by a backend").contains("HTTP/1.");
    assertThat(backends.stream().anyMatch(logs::contains))
        .as("the page names one of %s:%n%s", backends, logs)
        .isTrue();
    assertThat(kubectl.run("-n", "e2e", "get", "pod", "client", "-o", "jsonpath={.status.phase}"))
        .isEqualTo("Succeeded");
    cluster.stopCleanly();
    cluster = null;
  }

  /** What a failed step leaves to read: the pods, their events, the cluster's log. */
  private String diagnostics(KubectlCli kubectl) {
    return kubectl.exec("-n", "e2e", "describe", "pods").all()
        + "\n--- containerd ---\n"
        + containerd.logTail()
        + "\n--- cluster ---\n"
        + cluster
            .log()
            .lines()
            .skip(Math.max(0, cluster.log().lines().count() - 60))
            .reduce("", (a, b) -> a + b + "\n");
  }

  private static String manifests() {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: e2e}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: httpd
                image: %s
                imagePullPolicy: Never
                command: ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"]
                ports: [{containerPort: 8080}]
                readinessProbe:
                  tcpSocket: {port: 8080}
                  periodSeconds: 1
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: e2e}
        spec:
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080}]
        """
        .formatted(BusyboxImage.BUSYBOX);
  }

  private static String clientPod() {
    // busybox's nslookup has its own resolver (it reads the pod's resolv.conf); nc then connects
    // to the address it printed, the Service's ClusterIP.
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: client, namespace: e2e}
        spec:
          restartPolicy: Never
          containers:
          - name: client
            image: %s
            imagePullPolicy: Never
            command:
            - sh
            - -c
            - |
              i=0
              while [ $i -lt 20 ]; do
                ip=$(nslookup -type=a web.e2e.svc.cluster.local | awk '/^Address: / {a=$2} END {print a}')
                [ -n "$ip" ] && break
                i=$((i+1)); sleep 1
              done
              echo "resolved web to $ip"
              printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc $ip 80
        """
        .formatted(BusyboxImage.BUSYBOX);
  }

  private static void run(List<String> command, boolean mustSucceed) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    if (mustSucceed) {
      assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
    }
  }
}
