package dev.keelson.net.daemon.hostgw;

import static dev.keelson.net.daemon.hostgw.NodeFixtures.create;
import static dev.keelson.net.daemon.hostgw.NodeFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Node;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.net.daemon.NodeNetworkContext;
import dev.keelson.net.daemon.NodeNetworkDaemon;
import dev.keelson.net.daemon.NodeNetworkDaemons;
import dev.keelson.net.proxy.CommandRunner;
import dev.keelson.testkit.Eventually;
import dev.keelson.testkit.KeelsonTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The host-gw daemon against an in-process API server, recording the exact commands it runs. */
@KeelsonTest(perTest = true)
class HostGwDaemonTest {
  record Call(List<String> command, String stdin) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private final CommandRunner recorder =
      (command, stdin) -> {
        calls.add(new Call(command, new String(stdin, StandardCharsets.UTF_8)));
        return failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0
            ? new CommandRunner.Result(2, "RTNETLINK answers: Network is unreachable")
            : new CommandRunner.Result(0, "");
      };

  @Test
  void routesOtherNodesFollowsChangesAndRemovesRoutesOfDeletedNodes(KubeClient client)
      throws Exception {
    create(client, node("a", List.of("10.244.0.0/24"), "192.168.1.10"));
    create(client, node("b", List.of("10.244.1.0/24"), "192.168.1.11"));
    try (InformerFactory informers = InformerFactory.create(client);
        NodeNetworkDaemon daemon =
            NodeNetworkDaemons.provider("host-gw")
                .start(
                    NodeNetworkContext.of("a", informers)
                        .withCommands(recorder)
                        .withPeriods(Duration.ofMillis(20), Duration.ofMinutes(5)))) {
      informers.start();
      await("first sync", () -> !calls.isEmpty());
      assertThat(calls.getFirst())
          .isEqualTo(
              new Call(
                  List.of("ip", "-force", "-batch", "-"),
                  "route replace 10.244.1.0/24 via 192.168.1.11\n"));

      create(client, node("c", List.of("10.244.2.0/24"), "192.168.1.12"));
      await("route to c", () -> calls.size() >= 2);
      assertThat(calls.get(1).stdin()).isEqualTo("route replace 10.244.2.0/24 via 192.168.1.12\n");

      client.resources(Node.class).delete("b", null);
      await("route to b removed", () -> calls.size() >= 3);
      assertThat(calls.get(2).stdin()).isEqualTo("route del 10.244.1.0/24 via 192.168.1.11\n");
      assertThat(((HostGwDaemon) daemon).routes())
          .containsExactlyEntriesOf(java.util.Map.of("10.244.2.0/24", "192.168.1.12"));
      assertThat(daemon.failures()).isZero();
    }
  }

  @Test
  void aFailedBatchIsRetriedWithEveryRoute(KubeClient client) throws Exception {
    create(client, node("b", List.of("10.244.1.0/24"), "192.168.1.11"));
    failNext.set(1);
    try (InformerFactory informers = InformerFactory.create(client);
        NodeNetworkDaemon daemon =
            HostGwDaemon.start(
                NodeNetworkContext.of("a", informers)
                    .withCommands(recorder)
                    .withPeriods(Duration.ofMillis(20), Duration.ofMinutes(5)))) {
      informers.start();
      await("retry", () -> calls.size() >= 2);
      assertThat(calls.get(1).stdin()).isEqualTo("route replace 10.244.1.0/24 via 192.168.1.11\n");
      assertThat(daemon.failures()).isEqualTo(1);
      await("a success", () -> daemon.syncs() >= 1);
    }
  }

  @Test
  void everyResyncReplacesEveryRouteAgain(KubeClient client) throws Exception {
    create(client, node("b", List.of("10.244.1.0/24"), "192.168.1.11"));
    try (InformerFactory informers = InformerFactory.create(client);
        NodeNetworkDaemon daemon =
            HostGwDaemon.start(
                NodeNetworkContext.of("a", informers)
                    .withCommands(recorder)
                    .withPeriods(Duration.ofMillis(10), Duration.ofMillis(100)))) {
      informers.start();
      await("three syncs", () -> calls.size() >= 3);
      assertThat(calls.subList(0, 3))
          .extracting(Call::stdin)
          .containsOnly("route replace 10.244.1.0/24 via 192.168.1.11\n");
    }
  }

  private static void await(String what, java.util.function.BooleanSupplier c)
      throws InterruptedException {
    Eventually.await(what, Duration.ofSeconds(10), c);
  }
}
