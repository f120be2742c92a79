package dev.keelson.benchmarks.node;

import dev.keelson.client.KubeClient;
import dev.keelson.controller.time.Clock;
import dev.keelson.node.NodeAgent;
import dev.keelson.node.NodeAgentConfig;
import dev.keelson.node.simulated.SimulatedRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/** Starts many simulated node agents for the benchmarks ({@code sim-0000}, {@code sim-0001}...). */
public final class SimulatedNodes {
  private SimulatedNodes() {}

  /**
   * Starts {@code nodes} agents on the system clock, 16 registrations at a time; returns once every
   * Node, its first status and its Lease are written.
   */
  public static List<NodeAgent> start(KubeClient client, int nodes) throws InterruptedException {
    List<NodeAgent> agents = new ArrayList<>();
    Semaphore inFlight = new Semaphore(16);
    List<Thread> starters = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      String name = String.format("sim-%04d", i);
      String ip = "10." + (1 + i / 65536) + "." + ((i / 256) % 256) + "." + (i % 256);
      inFlight.acquire();
      starters.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      NodeAgent a =
                          NodeAgent.start(
                              client,
                              NodeAgentConfig.builder(name)
                                  .hostIp(ip)
                                  .runtime(new SimulatedRuntime(Clock.system(), Duration.ZERO))
                                  .build());
                      synchronized (agents) {
                        agents.add(a);
                      }
                    } finally {
                      inFlight.release();
                    }
                  }));
    }
    for (Thread t : starters) {
      t.join();
    }
    return agents;
  }
}
