package dev.keelson.samples.operator;

import dev.keelson.client.KubeClient;
import dev.keelson.controller.manager.Manager;
import dev.keelson.controller.time.Clock;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

/**
 * Runs the Website operator against the cluster of a kubeconfig until it is stopped (SIGTERM,
 * Ctrl-C) or loses its lease.
 *
 * <pre>
 * java -cp ... dev.keelson.samples.operator.OperatorMain [--kubeconfig PATH]
 *     [--lease-namespace NS] [--no-leader-election] [--health-port PORT]
 * </pre>
 *
 * <ul>
 *   <li>{@code --kubeconfig}: default {@code $KUBECONFIG}, else {@code ~/.kube/config}
 *   <li>{@code --lease-namespace}: where the Lease {@code website-operator} lives (default {@code
 *       default})
 *   <li>{@code --no-leader-election}: run alone, without a Lease
 *   <li>{@code --health-port}: serve {@code /healthz}, {@code /readyz} and {@code /metrics}
 *       (default 8081; {@code -1} for none)
 * </ul>
 *
 * <p>Apply {@code crd/websites.samples.keelson.dev.yaml} (in this jar, and under {@code
 * samples/operator/src/main/resources}) to the cluster first. Exit status: 0 after a signal, 1
 * after losing the lease (a supervisor restarts the process, which campaigns again).
 */
public final class OperatorMain {
  private OperatorMain() {}

  /** Runs the operator. */
  public static void main(String[] args) {
    Path kubeconfig = null;
    String leaseNamespace = "default";
    boolean leaderElection = true;
    int healthPort = 8081;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--kubeconfig" -> kubeconfig = Path.of(value(args, ++i));
        case "--lease-namespace" -> leaseNamespace = value(args, ++i);
        case "--no-leader-election" -> leaderElection = false;
        case "--health-port" -> healthPort = Integer.parseInt(value(args, ++i));
        default -> {
          System.err.println("unknown argument: " + args[i]);
          System.exit(2);
        }
      }
    }
    KubeClient client =
        kubeconfig == null ? KubeClient.fromKubeconfig() : KubeClient.fromKubeconfig(kubeconfig);
    Manager.Builder builder = Manager.builder(client);
    if (leaderElection) {
      builder.leaderElection(leaseNamespace, "website-operator");
    }
    if (healthPort >= 0) {
      builder.serve(new InetSocketAddress(healthPort));
    }
    Manager manager = builder.build();
    WebsiteOperator.install(manager, Clock.system());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  manager.close();
                  client.close();
                },
                "operator-shutdown"));
    manager.start();
    try {
      manager.terminated().toCompletableFuture().join();
    } catch (CompletionException e) {
      System.err.println("website operator stopped: " + e.getCause().getMessage());
      System.exit(1);
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      System.err.println("missing value for " + args[i - 1]);
      System.exit(2);
    }
    return args[i];
  }
}
