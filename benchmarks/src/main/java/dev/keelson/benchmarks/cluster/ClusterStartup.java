package dev.keelson.benchmarks.cluster;

import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeCondition;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Launch of the sample cluster to all its nodes Ready, the way a user starts it: {@code
 * bin/cluster-run} (what {@code bin/cluster} runs after building) with the memory store and three
 * simulated nodes, timed from the moment the process is launched until an API client sees three
 * Nodes with Ready=True. Runs alternate between the ahead-of-time class cache ({@code
 * KEELSON_AOT=on}, the default) and a plain JVM ({@code KEELSON_AOT=off}).
 *
 * <p>Usage, from the repository root after {@code bin/cluster} has built once: {@code java -cp
 * benchmarks/target/benchmarks.jar dev.keelson.benchmarks.cluster.ClusterStartup [runs=5]}.
 */
public final class ClusterStartup {
  private static final int NODES = 3;

  private ClusterStartup() {}

  /** Runs the harness. */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path script = Path.of("bin/cluster-run");
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException("run from the repository root (bin/cluster-run not found)");
    }
    once("on", script); // trains the cache if the build is newer than it (not measured)
    List<Long> aot = new ArrayList<>();
    List<Long> plain = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      aot.add(once("on", script));
      plain.add(once("off", script));
    }
    System.out.printf(
        "load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    report("AOT cache (default)", aot);
    report("plain JVM (KEELSON_AOT=off)", plain);
    System.out.printf(
        "ratio of medians plain/AOT: %.2f%n", (double) median(plain) / (double) median(aot));
  }

  /** One launch; milliseconds from launch until {@value #NODES} Nodes are Ready. */
  private static long once(String aot, Path script) throws Exception {
    Path dir = Files.createTempDirectory("cluster-startup");
    Path kubeconfig = dir.resolve("kubeconfig");
    int port = freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
                script.toString(),
                "--port",
                String.valueOf(port),
                "--dns-port",
                "-1",
                "--nodes",
                String.valueOf(NODES),
                "--kubeconfig-out",
                kubeconfig.toString())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.to(dir.resolve("out").toFile()));
    pb.environment().put("KEELSON_AOT", aot);
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      long deadline = t0 + TimeUnit.SECONDS.toNanos(180);
      while (!Files.exists(kubeconfig)) {
        check(p, deadline, dir);
        Thread.sleep(5);
      }
      try (KubeClient client = KubeClient.fromKubeconfig(kubeconfig)) {
        while (true) {
          check(p, deadline, dir);
          try {
            long ready =
                client.resources(Node.class).list(ListOptions.none()).items().stream()
                    .filter(ClusterStartup::ready)
                    .count();
            if (ready == NODES) {
              long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
              System.out.printf("KEELSON_AOT=%-3s %,6d ms to %d nodes Ready%n", aot, ms, NODES);
              return ms;
            }
          } catch (RuntimeException notYet) {
            // Not serving yet (the kubeconfig is written just before the server answers).
          }
          Thread.sleep(10);
        }
      }
    } finally {
      p.destroy(); // SIGTERM: the cluster shuts down cleanly
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      deleteTree(dir);
    }
  }

  private static boolean ready(Node n) {
    if (n.status() == null) {
      return false;
    }
    for (NodeCondition c : n.status().conditions()) {
      if ("Ready".equals(c.type()) && "True".equals(c.status())) {
        return true;
      }
    }
    return false;
  }

  private static void check(Process p, long deadline, Path dir) throws IOException {
    if (!p.isAlive()) {
      throw new IllegalStateException(
          "the cluster exited with "
              + p.exitValue()
              + ":\n"
              + Files.readString(dir.resolve("out")));
    }
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("no Ready nodes after 180 s");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static long median(List<Long> xs) {
    List<Long> s = xs.stream().sorted().toList();
    return s.get(s.size() / 2);
  }

  private static void report(String what, List<Long> ms) {
    List<Long> s = ms.stream().sorted().toList();
    System.out.printf(
        "%-30s median %,d ms, min %,d, max %,d (%d runs)%n",
        what, median(ms), s.get(0), s.get(s.size() - 1), s.size());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
