package dev.keelson.samples.cluster;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.controllers.BuiltinControllers;
import dev.keelson.net.proxy.ServiceProxies;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the sample cluster: the store, the API server (TLS, generated CA) with a kubeconfig for
 * kubectl, the built-in controllers and the scheduler, N node agents on the simulated runtime,
 * cluster DNS and the service proxy; the start-up banner says which parts run.
 *
 * <pre>
 * bin/cluster [--store memory:|file:DIR|etcd://host:port] [--bind ADDRESS] [--port N]
 *             [--kubeconfig-out PATH] [--nodes N] [--dns-port N|-1] [--proxy none|iptables|nftables|ipvs]
 *             [--runtime simulated|cri] [--containerd-socket PATH] [--node-ip ADDRESS]
 *             [--dns-address ADDRESS]
 * </pre>
 */
public final class ClusterMain {
  private ClusterMain() {}

  /** One component of the cluster and whether this build runs it. */
  record Component(String name, String module, boolean available) {}

  static final List<Component> COMPONENTS =
      List.of(
          new Component("store", "kube-store", true),
          new Component("API server", "kube-apiserver", true),
          new Component("controllers and scheduler", "kube-controllers", true),
          new Component("node agents", "kube-node-sdk", true),
          new Component("cluster DNS", "kube-net-spi", true),
          new Component("service proxy", "kube-net-spi", true));

  /** The command line, parsed. */
  record Options(
      String store,
      InetAddress bind,
      int port,
      Path kubeconfig,
      int nodes,
      int dnsPort,
      String proxy,
      String component,
      String nodePrefix,
      String runtime,
      String containerdSocket,
      InetAddress nodeIp,
      InetAddress dnsAddress) {
    /** What {@code --component} accepts. */
    static final List<String> COMPONENTS =
        List.of("all", "apiserver", "controllers", "scheduler", "node", "proxy", "dns");

    /** The most node agents one JVM runs (each holds a few threads and a watch). */
    static final int MAX_NODES = 1000;

    /** What {@code --runtime} accepts: all nodes simulated, or node 1 on containerd over CRI. */
    static final List<String> RUNTIMES = List.of("simulated", "cri");

    static Options parse(String[] args) {
      String store = "memory:";
      String bind = "127.0.0.1";
      int port = 6443;
      Path kubeconfig = Path.of("kubeconfig");
      int nodes = 3;
      int dnsPort = 10053;
      String proxy = "none";
      String component = "all";
      String nodePrefix = "node-";
      String runtime = "simulated";
      String containerdSocket = "/run/containerd/containerd.sock";
      String nodeIp = "127.0.0.1";
      String dnsAddress = null;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--store" -> store = value(args, ++i, a);
          case "--bind" -> bind = value(args, ++i, a);
          case "--port" -> port = port(value(args, ++i, a));
          case "--kubeconfig-out" -> kubeconfig = Path.of(value(args, ++i, a));
          case "--nodes" -> nodes = count(value(args, ++i, a));
          case "--dns-port" -> dnsPort = dnsPort(value(args, ++i, a));
          case "--proxy" -> proxy = proxyName(value(args, ++i, a));
          case "--component" -> component = componentName(value(args, ++i, a));
          case "--kubeconfig" -> kubeconfig = Path.of(value(args, ++i, a));
          case "--node-prefix" -> nodePrefix = value(args, ++i, a);
          case "--runtime" -> runtime = runtimeName(value(args, ++i, a));
          case "--containerd-socket" -> containerdSocket = value(args, ++i, a);
          case "--node-ip" -> nodeIp = value(args, ++i, a);
          case "--dns-address" -> dnsAddress = value(args, ++i, a);
          case "--help", "-h" -> throw new UsageException(null);
          default -> throw new UsageException("unknown argument: " + a);
        }
      }
      try {
        InetAddress bindAddress = address("--bind", bind);
        return new Options(
            store,
            bindAddress,
            port,
            kubeconfig,
            nodes,
            dnsPort,
            proxy,
            component,
            nodePrefix,
            runtime,
            containerdSocket,
            address("--node-ip", nodeIp),
            dnsAddress == null ? bindAddress : address("--dns-address", dnsAddress));
      } catch (UnknownHostException e) {
        throw new UsageException(e.getMessage());
      }
    }

    private static InetAddress address(String flag, String s) throws UnknownHostException {
      try {
        return InetAddress.getByName(s);
      } catch (UnknownHostException e) {
        throw new UnknownHostException(flag + ": not an address: " + s);
      }
    }

    private static String value(String[] args, int i, String flag) {
      if (i >= args.length || args[i].startsWith("--")) {
        throw new UsageException(flag + " needs a value");
      }
      return args[i];
    }

    private static int count(String s) {
      try {
        int n = Integer.parseInt(s);
        if (n < 0 || n > MAX_NODES) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new UsageException("--nodes: not a node count (0-" + MAX_NODES + "): " + s);
      }
    }

    private static String componentName(String s) {
      if (!COMPONENTS.contains(s)) {
        throw new UsageException("--component: one of " + String.join(", ", COMPONENTS) + ": " + s);
      }
      return s;
    }

    private static String runtimeName(String s) {
      if (!RUNTIMES.contains(s)) {
        throw new UsageException("--runtime: one of " + String.join(", ", RUNTIMES) + ": " + s);
      }
      return s;
    }

    private static String proxyName(String s) {
      List<String> names = ServiceProxies.names();
      if (!names.contains(s)) {
        throw new UsageException("--proxy: one of " + String.join(", ", names) + ": " + s);
      }
      return s;
    }

    private static int dnsPort(String s) {
      if (s.equals("-1")) {
        return -1;
      }
      try {
        return port(s);
      } catch (UsageException e) {
        throw new UsageException("--dns-port: not a port number (0-65535, or -1 for none): " + s);
      }
    }

    private static int port(String s) {
      try {
        int p = Integer.parseInt(s);
        if (p < 0 || p > 65535) {
          throw new NumberFormatException();
        }
        return p;
      } catch (NumberFormatException e) {
        throw new UsageException("--port: not a port number (0-65535): " + s);
      }
    }
  }

  /** A bad command line. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  static final String USAGE =
      "usage: bin/cluster [--store memory:|file:DIR|etcd://host:port[,...]] [--bind ADDRESS]"
          + " [--port N] [--kubeconfig-out PATH] [--nodes N] [--dns-port N|-1]"
          + " [--proxy none|iptables|nftables|ipvs]\n"
          + "       [--component all|apiserver|controllers|scheduler|node|proxy|dns]"
          + " [--kubeconfig PATH] [--node-prefix NAME]\n"
          + "       [--runtime simulated|cri] [--containerd-socket PATH]"
          + " (cri: node 1 runs its pods on containerd)\n"
          + "       [--node-ip ADDRESS] (the nodes' InternalIP and endpoint address; 127.0.0.1)"
          + " [--dns-address ADDRESS] (where cluster DNS listens; --bind)";

  private static void banner(PrintStream out, Options options, Cluster cluster, long toMainMillis) {
    ApiServer server = cluster.server();
    out.println("Keelson sample cluster");
    out.printf("  store       %s%n", options.store());
    out.printf(
        "  API server  %s (serving %d ms after start)%n",
        server.url(), cluster.apiServerStartTime().toMillis());
    out.printf("  kubeconfig  %s%n", options.kubeconfig().toAbsolutePath());
    out.printf("  controllers %s, scheduler%n", String.join(", ", BuiltinControllers.names()));
    long ready = cluster.readyNodes();
    out.printf(
        "  nodes       %d started, %d Ready (%d ms after start)%n",
        options.nodes(), ready, cluster.nodesStartTime().toMillis());
    if (cluster.dns() != null) {
      out.printf(
          "  cluster DNS %s (zone cluster.local; try: dig @%s -p %d kubernetes.default.svc.cluster.local)%n",
          cluster.dns().address(),
          cluster.dns().address().getAddress().getHostAddress(),
          cluster.dns().port());
    }
    for (Component c : COMPONENTS) {
      if (!c.available()) {
        out.printf("  %-30s not yet (%s)%n", c.name(), c.module());
      }
    }
    out.printf("  proxy       %s%n", options.proxy());
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    Options options;
    try {
      options = Options.parse(args);
    } catch (UsageException e) {
      if (e.getMessage() != null) {
        System.err.println("bin/cluster: " + e.getMessage());
      }
      System.err.println(USAGE);
      System.exit(e.getMessage() == null ? 0 : 2);
      return;
    }
    Cluster cluster;
    try {
      cluster = Cluster.start(options);
    } catch (RuntimeException e) {
      System.err.println("bin/cluster: cannot start the cluster: " + e.getMessage());
      System.exit(1);
      return;
    }
    ApiServer server = cluster.server();
    if (!options.component().equals("all")) {
      if (server != null) {
        out.printf(
            "Keelson %s: %s, kubeconfig %s%n",
            options.component(), server.url(), options.kubeconfig().toAbsolutePath());
      } else {
        out.printf(
            "Keelson %s: running against the API server of %s%n",
            options.component(), options.kubeconfig().toAbsolutePath());
      }
    } else {
      banner(out, options, cluster);
    }
    out.printf("Try: KUBECONFIG=%s kubectl get nodes%n", options.kubeconfig());
    out.println("Ctrl-C stops the cluster.");
    String name =
        options.component().equals("all")
            ? "Keelson sample cluster"
            : "Keelson " + options.component();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // Ctrl-C or SIGTERM: stop in reverse start order, then say so (the JVM exits
                  // with 130 or 143, as for any process ended by that signal).
                  long t0 = System.nanoTime();
                  out.println(name + ": stopping");
                  cluster.close();
                  out.printf(
                      "%s stopped cleanly in %d ms%n",
                      name, Duration.ofNanos(System.nanoTime() - t0).toMillis());
                  out.flush();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
  }
}
