package dev.keelson.benchmarks.cri;

import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.node.NodeAgent;
import dev.keelson.node.NodeAgentConfig;
import dev.keelson.node.cri.CriOptions;
import dev.keelson.node.cri.CriRuntime;
import dev.keelson.node.cri.testing.Containerd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pod create-to-Running latency on a real containerd: starts a {@link Containerd} (own config,
 * socket, CNI bridge, busybox images), an in-JVM API server and one node agent on the {@code cri}
 * runtime, then creates N pods one after another (one busybox container each, bound to the node)
 * and times each from the create call to the first read of phase Running with the container
 * running; prints p50, p99 and max against Kubernetes' pod startup SLO (p99 <= 5 s). Needs root,
 * containerd, runc and busybox-static. Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.keelson.benchmarks.cri.ContainerdPodStartup [pods=50]}.
 */
public final class ContainerdPodStartup {
  private ContainerdPodStartup() {}

  /** Runs the harness. */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    if (Containerd.unavailabilityReason().isPresent()) {
      System.out.println("skipped: " + Containerd.unavailabilityReason().get());
      return;
    }
    try (Containerd containerd = Containerd.start();
        ApiServer server = ApiServer.start(ApiServerConfig.loopback(0).withoutListener());
        KubeClient client = server.inProcessClient();
        CriRuntime runtime = CriRuntime.connect(CriOptions.of(containerd.endpoint()))) {
      client
          .resources(Namespace.class)
          .create(KubeJson.decodeYaml("metadata: {name: bench}", Namespace.class));
      Resources<Pod> pods = client.resources(Pod.class).inNamespace("bench");
      try (NodeAgent agent =
          NodeAgent.start(
              client,
              NodeAgentConfig.builder("cri-bench")
                  .runtime(runtime)
                  .podLogsDirectory(containerd.podLogsDirectory().toString())
                  .build())) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
          Pod p =
              KubeJson.decodeYaml(
                  """
                  metadata: {name: pod-%d, namespace: bench}
                  spec:
                    nodeName: cri-bench
                    terminationGracePeriodSeconds: 1
                    containers:
                    - name: app
                      image: keelson.test/busybox:1
                      command: [sleep, "3600"]
                  """
                      .formatted(i),
                  Pod.class);
          long t0 = System.nanoTime();
          pods.create(p);
          while (!running(pods, "pod-" + i)) {
            if (System.nanoTime() - t0 > 60_000_000_000L) {
              throw new IllegalStateException("pod-" + i + " not Running within 60 s");
            }
            Thread.sleep(2);
          }
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(
            "pods=%d create-to-Running: p50 %.0f ms, p99 %.0f ms, max %.0f ms, min %.0f ms"
                + " (Kubernetes SLO: p99 <= 5000 ms)%n",
            n, pct(sorted, 50), pct(sorted, 99), sorted[n - 1], sorted[0]);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          names.add("pod-" + i);
          pods.delete("pod-" + i, null);
        }
        long end = System.nanoTime() + 120_000_000_000L;
        for (String name : names) {
          while (System.nanoTime() < end && exists(pods, name)) {
            Thread.sleep(20);
          }
        }
      }
    }
  }

  private static boolean running(Resources<Pod> pods, String name) {
    Pod p = pods.get(name);
    return p.status() != null
        && "Running".equals(p.status().phase())
        && !p.status().containerStatuses().isEmpty()
        && p.status().containerStatuses().get(0).state() != null
        && p.status().containerStatuses().get(0).state().running() != null;
  }

  private static boolean exists(Resources<Pod> pods, String name) {
    try {
      pods.get(name);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Nearest-rank percentile of sorted values. */
  private static double pct(double[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
