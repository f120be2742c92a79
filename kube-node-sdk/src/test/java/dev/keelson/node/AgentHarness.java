package dev.keelson.node;

import static org.assertj.core.api.Assertions.fail;

import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.ClientConfig;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.node.simulated.SettableNodeStats;
import dev.keelson.node.simulated.SimulatedRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real API server in this JVM, a client, and per-test node agents on a fake clock with the
 * simulated runtime. Waits poll the API with a deadline; time only moves when a test moves it. A
 * test class with the per-class lifecycle registers one as an extension; it closes after the
 * class's last test.
 */
final class AgentHarness implements AutoCloseable, AfterAllCallback {
  static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final AtomicInteger SEQ = new AtomicInteger();

  final ApiServer server;
  final KubeClient client;

  AgentHarness() {
    server =
        ApiServer.start(
            ApiServerConfig.loopback(0).plain().withoutAdmissionPlugins("ServiceAccount"));
    client = KubeClient.connect(ClientConfig.builder(server.url()).build());
  }

  /** A node agent of its own (fresh clock, runtime, stats, root dir and node name). */
  SimNode node() {
    return node(b -> b);
  }

  /** A node agent of its own, its config changed by {@code tweak}. */
  SimNode node(UnaryOperator<NodeAgentConfig.Builder> tweak) {
    String name = "node-" + SEQ.incrementAndGet();
    FakeClock clock = new FakeClock(Instant.parse("2024-01-01T00:00:00Z"));
    SimulatedRuntime runtime = new SimulatedRuntime(clock, Duration.ZERO);
    SettableNodeStats stats = new SettableNodeStats();
    Path root;
    try {
      root = Files.createTempDirectory("keelson-" + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    NodeAgent agent =
        NodeAgent.start(
            client,
            tweak
                .apply(
                    NodeAgentConfig.builder(name)
                        .clock(clock)
                        .runtime(runtime)
                        .nodeStats(stats)
                        .rootDir(root))
                .build());
    return new SimNode(name, clock, runtime, agent, stats, root);
  }

  String namespace() {
    String name = "ns-" + SEQ.incrementAndGet();
    client
        .resources(Namespace.class)
        .create(KubeJson.decodeYaml("metadata: {name: " + name + "}", Namespace.class));
    return name;
  }

  /** Creates a pod from YAML, bound to {@code node}. */
  Pod createPod(String namespace, SimNode node, String yaml) {
    Pod p = KubeJson.decodeYaml(yaml, Pod.class);
    p = p.withMetadata(p.metadata().withNamespace(namespace));
    p = p.withSpec(p.spec().withNodeName(node.name()));
    return client.resources(Pod.class).inNamespace(namespace).create(p);
  }

  Pod get(String namespace, String name) {
    return client.resources(Pod.class).inNamespace(namespace).get(name);
  }

  /** Polls the pod until {@code condition} holds. */
  Pod await(String namespace, String name, String what, Predicate<Pod> condition) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    String last = "nothing";
    while (System.nanoTime() < end) {
      try {
        Pod p = get(namespace, name);
        last = KubeJson.encodeToString(p.status());
        if (condition.test(p)) {
          return p;
        }
      } catch (NotFoundException | NullPointerException e) {
        last = e.toString();
      }
      pause();
    }
    return fail("timed out waiting for " + what + "; last seen: " + last);
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static <T> T awaitValue(String what, Supplier<T> probe) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < end) {
      T v = probe.get();
      if (v != null) {
        return v;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return fail("timed out waiting for " + what);
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** One node under test. */
  record SimNode(
      String name,
      FakeClock clock,
      SimulatedRuntime runtime,
      NodeAgent agent,
      SettableNodeStats stats,
      Path root)
      implements AutoCloseable {
    @Override
    public void close() {
      agent.close();
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        // a temp dir: best effort
      }
    }
  }
}
