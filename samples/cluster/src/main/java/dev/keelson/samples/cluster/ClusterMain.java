package dev.keelson.samples.cluster;

import java.io.PrintStream;
import java.util.List;

/**
 * Starts the sample cluster. Until the API server, controllers and node agents exist, it reports
 * honestly which components are available and which are still to come, and exits.
 */
public final class ClusterMain {
  private ClusterMain() {}

  /** One component of the cluster and whether this build has it. */
  record Component(String name, String module, boolean available) {}

  static final List<Component> COMPONENTS =
      List.of(
          new Component("object model and API machinery", "kube-api", true),
          new Component("store (memory, file, etcd)", "kube-store", false),
          new Component("watch cache", "kube-watch", false),
          new Component("API server", "kube-apiserver", false),
          new Component("controllers and scheduler", "kube-controllers", false),
          new Component("node agents", "kube-node-sdk", false),
          new Component("service proxy and cluster DNS", "kube-net-spi", false));

  public static void main(String[] args) {
    PrintStream out = System.out;
    out.println("Keelson sample cluster");
    for (Component c : COMPONENTS) {
      out.printf("  %-32s %-16s %s%n", c.name(), c.module(), c.available() ? "ready" : "not yet");
    }
    out.println(
        "The cluster cannot start yet: the API server is not built. Nothing is left running.");
  }
}
