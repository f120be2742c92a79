package dev.keelson.benchmarks.node;

import com.sun.management.OperatingSystemMXBean;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.ClientConfig;
import dev.keelson.client.KubeClient;
import dev.keelson.node.NodeAgent;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

/**
 * Starts an in-JVM API server and N simulated node agents on the system clock (Lease renewal every
 * 10 s, node status every 10 s, each node watching its pods), lets them idle, and prints the
 * process CPU and heap they cost. Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.keelson.benchmarks.node.NodeScale [nodes=1000] [idleSeconds=60]}.
 */
public final class NodeScale {
  private NodeScale() {}

  /** Runs the harness. */
  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int idle = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    try (ApiServer server =
            ApiServer.start(
                ApiServerConfig.loopback(0).plain().withoutAdmissionPlugins("ServiceAccount"));
        KubeClient client = KubeClient.connect(ClientConfig.builder(server.url()).build())) {
      System.gc();
      long heapServer = mem.getHeapMemoryUsage().getUsed();
      long t0 = System.nanoTime();
      List<NodeAgent> agents = SimulatedNodes.start(client, nodes);
      double startS = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "nodes=%d registered in %.1f s (%.0f nodes/s)%n", agents.size(), startS, nodes / startS);
      // Let the first heartbeat round pass before measuring.
      Thread.sleep(15_000);
      long renew0 = agents.stream().mapToLong(NodeAgent::leaseRenewals).sum();
      long cpu0 = os.getProcessCpuTime();
      long w0 = System.nanoTime();
      Thread.sleep(idle * 1000L);
      long cpu1 = os.getProcessCpuTime();
      long w1 = System.nanoTime();
      long renew1 = agents.stream().mapToLong(NodeAgent::leaseRenewals).sum();
      long posts = agents.stream().mapToLong(NodeAgent::statusPosts).sum();
      System.gc();
      long heap = mem.getHeapMemoryUsage().getUsed();
      double wall = (w1 - w0) / 1e9;
      double cpu = (cpu1 - cpu0) / 1e9;
      System.out.printf(
          "idle %.0f s: process CPU %.2f s = %.1f%% of one core (API server included); lease"
              + " renewals %.1f/s (expected %.1f/s); node status posts %d in total%n",
          wall, cpu, 100 * cpu / wall, (renew1 - renew0) / wall, nodes / 10.0, posts);
      System.out.printf(
          "heap after GC: %.1f MiB with the server alone, %.1f MiB with %d nodes -> %.1f KiB per"
              + " node (its watch, timers, client side and the server's objects included); live"
              + " threads %d%n",
          heapServer / 1048576.0,
          heap / 1048576.0,
          nodes,
          (heap - heapServer) / 1024.0 / nodes,
          ManagementFactory.getThreadMXBean().getThreadCount());
      System.out.println("load: " + uptime());
      for (NodeAgent a : agents) {
        a.close();
      }
    }
    System.exit(0);
  }

  private static String uptime() {
    try {
      Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
      return new String(p.getInputStream().readAllBytes()).trim();
    } catch (Exception e) {
      return "(uptime unavailable: " + e + ")";
    }
  }
}
