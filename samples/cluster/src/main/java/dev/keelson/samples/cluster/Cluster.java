package dev.keelson.samples.cluster;

import dev.keelson.api.core.v1.Node;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.tls.CertificateAuthority;
import dev.keelson.apiserver.tls.IssuedCertificate;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.config.Kubeconfig;
import dev.keelson.client.config.KubeconfigCluster;
import dev.keelson.client.config.KubeconfigContext;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.manager.Manager;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.BuiltinControllers;
import dev.keelson.net.dns.ClusterDnsConfig;
import dev.keelson.net.dns.ClusterDnsFeed;
import dev.keelson.net.dns.ClusterDnsServer;
import dev.keelson.net.dns.ClusterDnsView;
import dev.keelson.net.dns.PodRecords;
import dev.keelson.net.proxy.ProxyConfig;
import dev.keelson.net.proxy.ServiceProxies;
import dev.keelson.net.proxy.ServiceProxyRunner;
import dev.keelson.node.NodeAgent;
import dev.keelson.node.NodeAgentConfig;
import dev.keelson.node.NodeServing;
import dev.keelson.node.simulated.SimulatedRuntime;
import dev.keelson.node.spi.ContainerRuntime;
import dev.keelson.node.spi.ContainerRuntimes;
import dev.keelson.node.spi.RuntimeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The sample cluster's components in one JVM, started in dependency order and closed in reverse:
 * the API server (which opens the store), the controller manager (built-in controllers and the
 * scheduler), the node agents, cluster DNS and the service proxy. Components talk to the API server
 * in-process (no HTTP), exactly as they would over the network through the same client API.
 */
final class Cluster implements AutoCloseable {
  /** The pod network of the cluster (service traffic from outside it is masqueraded). */
  static final String CLUSTER_CIDR = "10.244.0.0/16";

  private final ApiServer server;
  private final KubeClient client;
  private final InformerFactory informers;
  private Manager controllers;
  private final List<NodeAgent> nodes = new ArrayList<>();
  private ClusterDnsFeed dnsFeed;
  private ClusterDnsServer dns;
  private ServiceProxyRunner proxy;
  private long apiServerNanos;
  private long nodesNanos;
  private Path podLogs;

  private Cluster(ApiServer server, KubeClient client) {
    this.server = server;
    this.client = client;
    this.informers = InformerFactory.create(client);
  }

  /**
   * Starts every component {@code options} asks for; on a failure closes what started. With
   * component {@code all} everything runs here around an in-process API server; with one component,
   * only that one runs, against the API server of {@code options.kubeconfig()}. Starting the API
   * server ({@code all} or {@code apiserver}) writes that kubeconfig.
   */
  static Cluster start(ClusterMain.Options options) {
    String component = options.component();
    boolean all = component.equals("all");
    long start = System.nanoTime();
    Cluster cluster;
    if (all || component.equals("apiserver")) {
      ApiServerConfig config =
          ApiServerConfig.loopback(options.port())
              .withBindAddress(options.bind())
              .withStoreUri(options.store());
      ApiServer server = ApiServer.start(config);
      cluster = new Cluster(server, server.inProcessClient());
      try {
        server.adminKubeconfig("keelson").write(options.kubeconfig());
      } catch (IOException e) {
        cluster.close();
        throw new UncheckedIOException("cannot write " + options.kubeconfig(), e);
      }
    } else {
      cluster = new Cluster(null, KubeClient.fromKubeconfig(options.kubeconfig()));
    }
    cluster.apiServerNanos = System.nanoTime() - start;
    try {
      // The controller manager and the node agents need only the API server, not each other:
      // they start side by side, the agents each on a thread of their own (a node agent's start
      // registers its Node and posts its first status, which is when the node is Ready).
      List<Future<NodeAgent>> agents = new ArrayList<>();
      RuntimeException failure = null;
      try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
        if (all || component.equals("node")) {
          if (cluster.server != null) {
            cluster.podLogs = Files.createTempDirectory("keelson-pod-logs");
          }
          for (int i = 1; i <= options.nodes(); i++) {
            int index = i;
            agents.add(
                starters.submit(
                    () ->
                        NodeAgent.start(
                            cluster.client,
                            nodeConfig(options, index, cluster.server, cluster.podLogs))));
          }
        }
        if (all || component.equals("controllers") || component.equals("scheduler")) {
          try {
            cluster.startControllers(options);
          } catch (RuntimeException e) {
            failure = e;
          }
        }
      } // waits for every agent's start
      // What started is kept, and closed with the cluster when anything failed.
      for (Future<NodeAgent> f : agents) {
        try {
          cluster.nodes.add(f.get());
        } catch (ExecutionException e) {
          failure = failure == null ? unchecked(e.getCause()) : failure;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure = failure == null ? new IllegalStateException("interrupted", e) : failure;
        }
      }
      if (failure != null) {
        throw failure;
      }
      cluster.nodesNanos = System.nanoTime() - start;
      if ((all || component.equals("dns")) && options.dnsPort() >= 0) {
        ClusterDnsView view = new ClusterDnsView("cluster.local", PodRecords.INSECURE);
        cluster.dnsFeed = ClusterDnsFeed.attach(cluster.informers, view, PodRecords.INSECURE);
        cluster.dns =
            ClusterDnsServer.start(
                ClusterDnsConfig.loopback().withListen(options.dnsAddress(), options.dnsPort()),
                view);
        ClusterDnsService.publish(cluster.client, options.dnsAddress(), cluster.dns.port());
      }
      if (all || component.equals("proxy")) {
        cluster.proxy =
            ServiceProxyRunner.start(
                ServiceProxies.provider(options.proxy())
                    .create(ProxyConfig.ipv4().withClusterCidr(CLUSTER_CIDR)),
                "IPv4",
                cluster.informers,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30));
      }
      cluster.informers.start();
    } catch (IOException e) {
      cluster.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Builds and starts the controller manager: controllers, the scheduler, or both. */
  private void startControllers(ClusterMain.Options options) {
    String component = options.component();
    boolean all = component.equals("all");
    Manager.Builder b = Manager.builder(client);
    if (!all) {
      // Separate processes may run several replicas: one leads, as kube-controller-manager.
      b.leaderElection(
          "kube-system",
          component.equals("controllers") ? "kube-controller-manager" : "kube-scheduler");
    }
    controllers = b.build();
    if (!component.equals("scheduler")) {
      // The root CA publisher publishes this server's CA, or a remote one's from the kubeconfig
      // (its certificate-authority-data), as kube-controller-manager is given --root-ca-file.
      String caPem =
          server != null && server.certificateAuthority() != null
              ? server.certificateAuthority().certificate().certificatePem()
              : kubeconfigCa(options.kubeconfig());
      BuiltinControllers.addAll(controllers, caPem);
    }
    if (!component.equals("controllers")) {
      controllers.add(BuiltinControllers.scheduler(controllers));
    }
    controllers.start();
  }

  private static RuntimeException unchecked(Throwable t) {
    return switch (t) {
      case RuntimeException r -> r;
      case IOException io -> new UncheckedIOException(io);
      case Error e -> throw e;
      default -> new IllegalStateException(t);
    };
  }

  /** The CA of the kubeconfig's current cluster as PEM, or null if it names none. */
  private static String kubeconfigCa(Path kubeconfig) {
    Kubeconfig k = Kubeconfig.load(kubeconfig);
    KubeconfigContext context = k.contexts().get(k.currentContext());
    KubeconfigCluster c = context == null ? null : k.clusters().get(context.cluster());
    if (c == null) {
      return null;
    }
    try {
      if (c.certificateAuthorityData() != null) {
        return new String(
            java.util.Base64.getMimeDecoder().decode(c.certificateAuthorityData()),
            java.nio.charset.StandardCharsets.US_ASCII);
      }
      return c.certificateAuthority() == null
          ? null
          : Files.readString(Path.of(c.certificateAuthority()));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read the CA of " + kubeconfig + ": " + e, e);
    }
  }

  /**
   * Node {@code i} of the cluster: {@code <prefix><i>} on a simulated runtime; with {@code
   * --runtime cri}, node 1 runs its pods on containerd at {@code --containerd-socket}. With the API
   * server in this process, the node serves its HTTPS endpoint (logs, exec, attach) on an ephemeral
   * port of {@code --node-ip} (default 127.0.0.1), its InternalIP, with a serving certificate for
   * that address issued by the API server's CA (where a real cluster would use a kubelet serving
   * CSR); its containers write CRI log files under {@code podLogs}. Without it (the {@code node}
   * component on its own, which cannot reach the CA) the node serves nothing, with InternalIP
   * 10.0.0.i.
   */
  private static NodeAgentConfig nodeConfig(
      ClusterMain.Options options, int i, ApiServer server, Path podLogs) {
    String name = options.nodePrefix() + i;
    boolean cri = options.runtime().equals("cri") && i == 1;
    NodeAgentConfig.Builder b = NodeAgentConfig.builder(name);
    if (options.dnsPort() >= 0) {
      b.clusterDns(ClusterDnsService.CLUSTER_IP);
    }
    if (server == null) {
      return b.runtime(runtime(options, name, cri, false)).hostIp("10.0.0." + i).build();
    }
    CertificateAuthority ca = server.certificateAuthority();
    IssuedCertificate serving =
        ca.issueServer(name, List.of(name), List.of(options.nodeIp()), Duration.ofDays(365));
    return b.runtime(runtime(options, name, cri, true))
        .hostIp(options.nodeIp().getHostAddress())
        .serverAddress(options.nodeIp().getHostAddress())
        .kubeletPort(0)
        .podLogsDirectory(podLogs.toString())
        .serving(
            new NodeServing(
                serving.privateKey(),
                List.of(serving.certificate()),
                List.of(ca.certificate().certificate())))
        .build();
  }

  private static ContainerRuntime runtime(
      ClusterMain.Options options, String name, boolean cri, boolean logFiles) {
    if (cri) {
      return ContainerRuntimes.load(
          "cri", new RuntimeContext(name, Clock.system(), options.containerdSocket()));
    }
    return logFiles
        ? SimulatedRuntime.builder(Clock.system()).logFiles(true).build()
        : new SimulatedRuntime(Clock.system(), Duration.ZERO);
  }

  /** From the start of {@link #start} until the API server served. */
  Duration apiServerStartTime() {
    return Duration.ofNanos(apiServerNanos);
  }

  /** From the start of {@link #start} until every node agent had registered its Node. */
  Duration nodesStartTime() {
    return Duration.ofNanos(nodesNanos);
  }

  /** The cluster DNS server, or {@code null} when not started ({@code --dns-port -1}). */
  ClusterDnsServer dns() {
    return dns;
  }

  /** Whether cluster DNS has listed every Service and EndpointSlice (false without DNS). */
  boolean dnsSynced() {
    return dnsFeed != null && dnsFeed.synced();
  }

  /** The service proxy loop. */
  ServiceProxyRunner proxy() {
    return proxy;
  }

  /** The API server, or {@code null} when this process runs another component. */
  ApiServer server() {
    return server;
  }

  List<NodeAgent> nodes() {
    return List.copyOf(nodes);
  }

  /** How many Nodes report condition Ready=True. */
  long readyNodes() {
    return client.resources(Node.class).list(ListOptions.none()).items().stream()
        .filter(
            n ->
                n.status() != null
                    && n.status().conditions().stream()
                        .anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status())))
        .count();
  }

  /**
   * In reverse start order: the service proxy (its rules stay), DNS, node agents (they stop
   * syncing, pods stay), informers, then the API server and its store.
   */
  @Override
  public void close() {
    if (proxy != null) {
      proxy.close();
    }
    if (dns != null) {
      dns.close();
    }
    if (dnsFeed != null) {
      dnsFeed.close();
    }
    for (NodeAgent n : nodes.reversed()) {
      n.close();
    }
    informers.close();
    if (controllers != null) {
      controllers.close();
    }
    if (server != null) {
      server.close();
    } else {
      client.close();
    }
    if (podLogs != null) {
      try (var files = Files.walk(podLogs)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // a temporary directory: left for the system to clean
      }
    }
  }
}
