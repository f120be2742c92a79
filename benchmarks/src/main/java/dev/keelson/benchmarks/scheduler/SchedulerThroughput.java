package dev.keelson.benchmarks.scheduler;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.ContainerBuilder;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeBuilder;
import dev.keelson.api.core.v1.NodeSpecBuilder;
import dev.keelson.api.core.v1.NodeStatusBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodBuilder;
import dev.keelson.api.core.v1.PodSpecBuilder;
import dev.keelson.api.core.v1.ResourceRequirements;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.values.Quantity;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.time.Clock;
import dev.keelson.scheduler.Scheduler;
import dev.keelson.scheduler.SchedulerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Scheduler throughput as kube-scheduler's scheduler_perf {@code SchedulingBasic}: N nodes (4 CPU,
 * 32Gi, 110 pods, three zones) and M pending pods requesting 100m CPU and 500Mi (scheduler_perf's
 * {@code node-default}/{@code pod-default} shapes), created through an in-process API server
 * without a listener ({@code ApiServerConfig.withoutListener()}, memory store); then the {@link
 * Scheduler} starts on {@code server.inProcessClient()} with its informers and binds every pod
 * through {@code pods/binding}. Prints pods/s from the first to the last binding (and per-second
 * samples), the end-to-end time including the informers' initial sync, the process CPU time the
 * bindings took (pods per CPU-second, a figure a loaded machine distorts less), and checks every
 * pod is bound within its node's allocatable.
 *
 * <pre>
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar dev.keelson.benchmarks.scheduler.SchedulerThroughput [nodes] [pods]
 * </pre>
 */
public final class SchedulerThroughput {
  private static final String NS = "default";

  private SchedulerThroughput() {}

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int pods = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    try (ApiServer server =
            ApiServer.start(
                ApiServerConfig.loopback(0)
                    .withoutListener()
                    .withoutAdmissionPlugins("ServiceAccount"));
        KubeClient client = server.inProcessClient()) {
      long t0 = System.nanoTime();
      parallel(
          nodes,
          i -> {
            Node n = node("node-" + i, "zone-" + (i % 3));
            Node created = client.resources(Node.class).create(n);
            if (created.status() == null || created.status().allocatable().isEmpty()) {
              client.resources(Node.class).updateStatus(created.withStatus(n.status()));
            }
          });
      System.out.printf("created %,d nodes in %.1f s%n", nodes, (System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      parallel(pods, i -> client.resources(Pod.class).inNamespace(NS).create(pod("pod-" + i)));
      System.out.printf(
          "created %,d pending pods in %.1f s%n", pods, (System.nanoTime() - t0) / 1e9);

      SchedulerConfig config = SchedulerConfig.defaults();
      System.out.printf(
          "scheduler: parallelism %d, percentageOfNodesToScore %d (adaptive), %d cores%n",
          config.parallelism(),
          config.percentageOfNodesToScore(),
          Runtime.getRuntime().availableProcessors());
      InformerFactory informers = InformerFactory.create(client);
      Scheduler scheduler = new Scheduler(client, informers, Clock.system(), config);
      long start = System.nanoTime();
      scheduler.start();
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long cpuFirst = 0;
      long first = 0;
      long last = 0;
      long prev = 0;
      List<Long> perSecond = new ArrayList<>();
      long nextSample = System.nanoTime() + 1_000_000_000L;
      long deadline = System.nanoTime() + 600_000_000_000L;
      while (true) {
        long done = scheduler.stats().scheduled();
        long now = System.nanoTime();
        if (done > 0 && first == 0) {
          first = now;
          cpuFirst = os.getProcessCpuTime();
          prev = done;
          nextSample = now + 1_000_000_000L;
        }
        if (first != 0 && now >= nextSample) {
          perSecond.add(done - prev);
          prev = done;
          nextSample += 1_000_000_000L;
        }
        if (done >= pods) {
          last = now;
          cpuFirst = os.getProcessCpuTime() - cpuFirst;
          break;
        }
        if (now > deadline) {
          throw new IllegalStateException("timed out: " + scheduler.stats());
        }
        Thread.sleep(5);
      }
      double window = (last - first) / 1e9;
      double endToEnd = (last - start) / 1e9;
      System.out.printf(
          "bound %,d pods: %.0f pods/s from the first to the last binding (%.2f s);"
              + " %.0f pods/s end to end including the informers' sync (%.2f s)%n",
          pods, pods / window, window, pods / endToEnd, endToEnd);
      System.out.printf(
          "process CPU from the first to the last binding: %.2f s, %.0f pods per CPU-second"
              + " (scheduler, API server, store and informers together; %.2f of the %d cores)%n",
          cpuFirst / 1e9,
          pods / (cpuFirst / 1e9),
          cpuFirst / 1e9 / window,
          Runtime.getRuntime().availableProcessors());
      List<Long> sorted = new ArrayList<>(perSecond);
      sorted.sort(null);
      if (!sorted.isEmpty()) {
        System.out.printf(
            "per-second samples (%d): min %d, median %d, max %d pods/s%n",
            sorted.size(),
            sorted.get(0),
            sorted.get(sorted.size() / 2),
            sorted.get(sorted.size() - 1));
      }
      System.out.println("stats: " + scheduler.stats());
      scheduler.close();
      informers.close();
      verify(client, pods);
    }
  }

  private static void verify(KubeClient client, int pods) {
    Map<String, Integer> perNode = new HashMap<>();
    int bound = 0;
    for (Pod p : client.resources(Pod.class).inNamespace(NS).list(ListOptions.none()).items()) {
      String n = p.spec().nodeName();
      if (n != null && !n.isEmpty()) {
        bound++;
        perNode.merge(n, 1, Integer::sum);
      }
    }
    int most = perNode.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    if (bound != pods || most * 100 > 4000 || most > 110) {
      throw new IllegalStateException(
          "verification failed: " + bound + " bound, at most " + most + " on a node");
    }
    System.out.printf(
        "verified: %,d pods bound on %,d nodes, at most %d per node (fits 4 CPU at 100m)%n",
        bound, perNode.size(), most);
  }

  private static void parallel(int n, IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> fs = new ArrayList<>();
      int chunk = Math.max(1, n / 16);
      for (int s = 0; s < n; s += chunk) {
        int from = s;
        int to = Math.min(n, s + chunk);
        fs.add(
            pool.submit(
                () -> {
                  for (int i = from; i < to; i++) {
                    task.accept(i);
                  }
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static Node node(String name, String zone) {
    Map<String, Quantity> alloc =
        Map.of(
            "cpu", Quantity.parse("4"),
            "memory", Quantity.parse("32Gi"),
            "pods", Quantity.parse("110"));
    return NodeBuilder.builder()
        .metadata(
            ObjectMetaBuilder.builder()
                .name(name)
                .labels(
                    Map.of(
                        "kubernetes.io/hostname", name,
                        "topology.kubernetes.io/zone", zone))
                .build())
        .spec(NodeSpecBuilder.builder().build())
        .status(NodeStatusBuilder.builder().capacity(alloc).allocatable(alloc).build())
        .build();
  }

  private static Pod pod(String name) {
    Container c =
        ContainerBuilder.builder()
            .name("pause")
            .image("registry.k8s.io/pause:3.10")
            .resources(
                new ResourceRequirements(
                    null,
                    Map.of("cpu", Quantity.parse("100m"), "memory", Quantity.parse("500Mi")),
                    null))
            .build();
    return PodBuilder.builder()
        .metadata(ObjectMetaBuilder.builder().namespace(NS).name(name).build())
        .spec(PodSpecBuilder.builder().containers(List.of(c)).build())
        .build();
  }
}
