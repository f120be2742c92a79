package dev.keelson.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.DeleteOptions;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.client.spi.Transport;
import dev.keelson.client.spi.TransportRequest;
import dev.keelson.client.spi.TransportResponse;
import dev.keelson.client.spi.TransportStream;
import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The default pod source: list, watch, and a relist after the watch ends. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchPodSourceTest {
  /** The API server of the class's tests, closed after the last. */
  @RegisterExtension final AgentHarness h = new AgentHarness();

  /** The server's in-process transport, whose watches a test can cut. */
  private static final class CuttableTransport implements Transport {
    private final Transport inner;
    private final List<TransportStream> streams = new CopyOnWriteArrayList<>();

    CuttableTransport(Transport inner) {
      this.inner = inner;
    }

    @Override
    public TransportResponse send(TransportRequest request) {
      return inner.send(request);
    }

    @Override
    public TransportStream stream(TransportRequest request) {
      TransportStream s = inner.stream(request);
      streams.add(s);
      return s;
    }

    boolean watching() {
      return !streams.isEmpty();
    }

    void cutWatches() {
      for (TransportStream s : streams) {
        s.close();
      }
      streams.clear();
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  /** What a handler was told, as "updated name uid" and "removed name uid", in order. */
  private static final class Recorder implements PodHandler {
    private final List<String> calls = new ArrayList<>();

    @Override
    public synchronized void podUpdated(Pod pod) {
      calls.add("updated " + pod.metadata().name() + " " + pod.metadata().uid());
    }

    @Override
    public synchronized void podRemoved(Pod lastKnown) {
      calls.add("removed " + lastKnown.metadata().name() + " " + lastKnown.metadata().uid());
    }

    synchronized List<String> calls() {
      return List.copyOf(calls);
    }
  }

  private static Pod pod(String ns, String name, String node) {
    Pod p =
        KubeJson.decodeYaml(
            "metadata: {name: " + name + "}\nspec: {containers: [{name: app, image: nginx}]}",
            Pod.class);
    return p.withMetadata(p.metadata().withNamespace(ns)).withSpec(p.spec().withNodeName(node));
  }

  @Test
  void aPodDeletedAndCreatedAgainUnderItsNameWhileTheWatchWasDownIsRemovedOnTheRelist() {
    String ns = h.namespace();
    String node = "watch-node";
    CuttableTransport transport = new CuttableTransport(h.server.inProcessTransport());
    FakeClock clock = new FakeClock();
    Recorder handler = new Recorder();
    try (KubeClient client = KubeClient.over(transport, h.server.registry(), "default");
        PodSource source = PodSources.watching(client, node, clock)) {
      Resources<Pod> pods = h.client.resources(Pod.class).inNamespace(ns);
      String first = pods.create(pod(ns, "web-0", node)).metadata().uid();
      source.start(handler);
      AgentHarness.awaitValue(
          "the first pod", () -> handler.calls().contains("updated web-0 " + first) ? true : null);

      // The list delivered it; the watch opens after.
      AgentHarness.awaitValue("the watch", () -> transport.watching() ? true : null);
      transport.cutWatches();
      AgentHarness.awaitValue("the relist armed", () -> clock.pendingTimers() > 0 ? true : null);
      pods.delete("web-0", new DeleteOptions(null, null, 0L, null, null, null, null));
      String second = pods.create(pod(ns, "web-0", node)).metadata().uid();
      assertThat(second).isNotEqualTo(first);
      clock.advance(Duration.ofSeconds(1));

      List<String> calls =
          AgentHarness.awaitValue(
              "the second pod",
              () -> {
                List<String> c = handler.calls();
                return c.contains("updated web-0 " + second) ? c : null;
              });
      assertThat(calls).contains("removed web-0 " + first);
      assertThat(calls.indexOf("removed web-0 " + first))
          .as("the old pod goes before the new one comes")
          .isLessThan(calls.indexOf("updated web-0 " + second));
    }
  }
}
