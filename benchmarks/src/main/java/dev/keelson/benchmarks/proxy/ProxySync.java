package dev.keelson.benchmarks.proxy;

import dev.keelson.net.proxy.CommandRunner;
import dev.keelson.net.proxy.ProxyConfig;
import dev.keelson.net.proxy.ProxyEndpoint;
import dev.keelson.net.proxy.ProxyServicePort;
import dev.keelson.net.proxy.ProxyState;
import dev.keelson.net.proxy.ServicePortName;
import dev.keelson.net.proxy.ServiceProxies;
import dev.keelson.net.proxy.ServiceProxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Sync time of the {@code iptables} and {@code nftables} service-proxy backends against the real
 * tools, each in a fresh network namespace: a full sync of N services with 10 endpoints each, then
 * a partial sync after one service's endpoints changed. Wall time and CPU time (this JVM and the
 * tools) are printed. Usage (root): {@code java -cp benchmarks/target/benchmarks.jar
 * dev.keelson.benchmarks.proxy.ProxySync [services=1000,10000] [rounds=3]}.
 */
public final class ProxySync {
  private ProxySync() {}

  /** Runs the harness. */
  public static void main(String[] args) throws Exception {
    String[] sizes = (args.length > 0 ? args[0] : "1000,10000").split(",");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    System.out.println(
        "backend   services  full sync ms (CPU ms)  one changed ms (CPU ms)   [best of rounds;"
            + " CPU = this JVM + the tools it ran]");
    for (String size : sizes) {
      int n = Integer.parseInt(size);
      for (String backend : List.of("iptables", "nftables")) {
        long bestFull = Long.MAX_VALUE;
        long bestPartial = Long.MAX_VALUE;
        long cpuFull = Long.MAX_VALUE;
        long cpuPartial = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
          String ns = "keelson-bench-" + ProcessHandle.current().pid() + "-" + r;
          CommandRunner host = CommandRunner.local();
          if (!host.run(List.of("ip", "netns", "add", ns), new byte[0]).ok()) {
            throw new IllegalStateException("cannot create network namespace " + ns);
          }
          try {
            ServiceProxy proxy =
                ServiceProxies.provider(backend)
                    .create(
                        ProxyConfig.ipv4()
                            .withClusterCidr("10.244.0.0/16")
                            .withRunner(CommandRunner.inNetworkNamespace(ns)));
            ProxyState state = state(n, 0);
            long c0 = cpuMillis();
            long t0 = System.nanoTime();
            proxy.sync(state);
            bestFull = Math.min(bestFull, System.nanoTime() - t0);
            cpuFull = Math.min(cpuFull, cpuMillis() - c0);
            ProxyState changed = state(n, 1);
            long c1 = cpuMillis();
            long t1 = System.nanoTime();
            ServiceProxy.SyncResult result = proxy.sync(changed);
            bestPartial = Math.min(bestPartial, System.nanoTime() - t1);
            cpuPartial = Math.min(cpuPartial, cpuMillis() - c1);
            if (result.full() || result.servicePortsWritten() != 1) {
              throw new IllegalStateException("expected a partial sync of one service: " + result);
            }
          } finally {
            host.run(List.of("ip", "netns", "del", ns), new byte[0]);
          }
        }
        System.out.printf(
            "%-9s %8d  %12.0f (%6d)  %14.1f (%6d)%n",
            backend, n, bestFull / 1e6, cpuFull, bestPartial / 1e6, cpuPartial);
      }
    }
  }

  /**
   * CPU time of this process and of its reaped children (the tools, which {@code ip netns exec}
   * execs in place) in milliseconds, from {@code /proc/self/stat} (utime, stime, cutime, cstime),
   * so that a loaded machine's figures still say what the work costs.
   */
  static long cpuMillis() {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After the command name: state is field 3, so utime..cstime (14..17) are at 11..14 here.
      long ticks = 0;
      for (int i = 11; i <= 14; i++) {
        ticks += Long.parseLong(f[i]);
      }
      return ticks * 10; // USER_HZ is 100 on Linux
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  /** N services of 10 endpoints; in generation g, service 0's first endpoint moves. */
  static ProxyState state(int n, int generation) {
    List<ProxyServicePort> ports = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<ProxyEndpoint> eps = new ArrayList<>(10);
      for (int e = 0; e < 10; e++) {
        int host = i * 10 + e + (i == 0 && e == 0 ? generation * 7 : 0);
        String ip = "10.244." + (host / 250 % 250) + "." + (host % 250 + 1);
        eps.add(new ProxyEndpoint(ip, 8080, null, true, true, false));
      }
      String clusterIp = "10.96." + (i / 250) + "." + (i % 250 + 1);
      ports.add(
          new ProxyServicePort(
              new ServicePortName("bench", "svc-" + i, "http"), "TCP", clusterIp, 80, 0, 0, eps));
    }
    ports.sort(java.util.Comparator.comparing(p -> p.name().toString()));
    return new ProxyState("IPv4", ports);
  }
}
