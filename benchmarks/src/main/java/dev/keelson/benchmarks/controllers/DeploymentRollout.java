package dev.keelson.benchmarks.controllers;

import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.benchmarks.node.SimulatedNodes;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.manager.Manager;
import dev.keelson.controllers.BuiltinControllers;
import dev.keelson.node.NodeAgent;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A Deployment of N replicas over M simulated nodes, from create to every replica available: the
 * Deployment and ReplicaSet controllers create the pods, the scheduler binds them, and each node
 * agent (simulated runtime, real pod workers, status updates) runs them and reports them Ready.
 * Everything runs in one JVM on an in-process API server with the memory store.
 *
 * <p>Usage: {@code java -Xmx6g -cp benchmarks/target/benchmarks.jar
 * dev.keelson.benchmarks.controllers.DeploymentRollout [replicas=10000] [nodes=500]}.
 */
public final class DeploymentRollout {
  private DeploymentRollout() {}

  /** Runs the harness. */
  public static void main(String[] args) throws Exception {
    int replicas = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (ApiServer server =
            ApiServer.start(
                ApiServerConfig.loopback(0)
                    .withoutListener()
                    .withoutAdmissionPlugins("ServiceAccount"));
        KubeClient client = server.inProcessClient()) {
      long t0 = System.nanoTime();
      List<NodeAgent> agents = SimulatedNodes.start(client, nodes);
      System.out.printf("started %,d simulated nodes in %.1f s%n", nodes, secondsSince(t0));

      Manager manager = Manager.builder(client).build();
      BuiltinControllers.add(manager, Set.of("deployment-controller", "replicaset-controller"));
      manager.add(BuiltinControllers.scheduler(manager));
      manager.start();

      Deployment d =
          KubeJson.decodeYaml(
              """
              apiVersion: apps/v1
              kind: Deployment
              metadata: {name: big, namespace: default}
              spec:
                replicas: %d
                selector: {matchLabels: {app: big}}
                template:
                  metadata: {labels: {app: big}}
                  spec:
                    containers:
                    - {name: app, image: registry.example/app:1}
              """
                  .formatted(replicas),
              Deployment.class);
      long cpu0 = os.getProcessCpuTime();
      long start = System.nanoTime();
      client.resources(Deployment.class).inNamespace("default").create(d);
      long lastPrint = 0;
      long deadline = start + Duration.ofMinutes(20).toNanos();
      while (true) {
        Deployment now = client.resources(Deployment.class).inNamespace("default").get("big");
        int available =
            now.status() == null || now.status().availableReplicas() == null
                ? 0
                : now.status().availableReplicas();
        long t = System.nanoTime();
        if (t - lastPrint > 5_000_000_000L) {
          System.out.printf("  %5.1f s: %,d available%n", (t - start) / 1e9, available);
          lastPrint = t;
        }
        if (available >= replicas) {
          break;
        }
        if (t > deadline) {
          throw new IllegalStateException("not all available within 20 min: " + available);
        }
        Thread.sleep(100);
      }
      double seconds = secondsSince(start);
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      System.out.printf(
          "Deployment of %,d replicas over %,d nodes: all available after %.1f s (%.0f pods/s);"
              + " process CPU %.1f s (%.2f of %d cores)%n",
          replicas,
          nodes,
          seconds,
          replicas / seconds,
          cpu,
          cpu / seconds,
          Runtime.getRuntime().availableProcessors());
      manager.close();
      for (NodeAgent a : agents) {
        a.close();
      }
    }
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
