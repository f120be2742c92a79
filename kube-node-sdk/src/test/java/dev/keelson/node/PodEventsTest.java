package dev.keelson.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Event;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.client.ListOptions;
import dev.keelson.node.AgentHarness.SimNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent records kubelet's Events about a pod, as {@code kubectl describe pod} shows them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodEventsTest {
  /** The API server of the class's tests, closed after the last. */
  @RegisterExtension final AgentHarness h = new AgentHarness();

  private List<Event> events(String ns, String pod) {
    return h.client.resources(Event.class).inNamespace(ns).list(ListOptions.none()).items().stream()
        .filter(e -> pod.equals(e.involvedObject().name()))
        .toList();
  }

  private List<Event> awaitReasons(String ns, String pod, String... reasons) {
    return AgentHarness.awaitValue(
        "events " + String.join(", ", reasons) + " about " + pod,
        () -> {
          List<Event> got = events(ns, pod);
          List<String> seen = got.stream().map(Event::reason).toList();
          return seen.containsAll(List.of(reasons)) ? got : null;
        });
  }

  private static Event find(List<Event> events, String reason) {
    return events.stream().filter(e -> e.reason().equals(reason)).findFirst().orElseThrow();
  }

  @Test
  void startingAPodRecordsPullingPulledCreatedAndStartedFromTheKubelet() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      Pod created =
          h.createPod(
              ns,
              node,
              """
              metadata: {name: web}
              spec:
                containers: [{name: app, image: "nginx:1.27"}]
              """);
      h.await(ns, "web", "Running", x -> x.status().isReady());
      List<Event> events = awaitReasons(ns, "web", "Pulling", "Pulled", "Created", "Started");
      assertThat(find(events, "Pulling").message()).isEqualTo("Pulling image \"nginx:1.27\"");
      assertThat(find(events, "Pulled").message())
          .startsWith("Successfully pulled image \"nginx:1.27\" in ");
      assertThat(find(events, "Created").message()).isEqualTo("Created container: app");
      assertThat(find(events, "Started").message()).isEqualTo("Started container app");
      // (A node without a cluster DNS address also warns MissingClusterDNS: not asserted here.)
      assertThat(events)
          .filteredOn(e -> List.of("Pulling", "Pulled", "Created", "Started").contains(e.reason()))
          .hasSize(4)
          .allSatisfy(
              e -> {
                assertThat(e.type()).isEqualTo("Normal");
                assertThat(e.source().component()).isEqualTo("kubelet");
                assertThat(e.source().host()).isEqualTo(node.name());
                assertThat(e.involvedObject().kind()).isEqualTo("Pod");
                assertThat(e.involvedObject().uid()).isEqualTo(created.metadata().uid());
              });
    }
  }

  @Test
  void anImageAlreadyOnTheNodeIsNotPulledAgain() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: first}
          spec:
            containers: [{name: app, image: "busybox:1.36"}]
          """);
      h.await(ns, "first", "Running", x -> x.status().isReady());
      h.createPod(
          ns,
          node,
          """
          metadata: {name: second}
          spec:
            containers: [{name: app, image: "busybox:1.36"}]
          """);
      List<Event> events = awaitReasons(ns, "second", "Pulled", "Started");
      assertThat(find(events, "Pulled").message())
          .isEqualTo("Container image \"busybox:1.36\" already present on machine");
      assertThat(events).extracting(Event::reason).doesNotContain("Pulling");
    }
  }

  @Test
  void deletingAPodRecordsKillingForEachRunningContainer() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: doomed}
          spec:
            terminationGracePeriodSeconds: 0
            containers: [{name: app, image: nginx}, {name: sidecar, image: busybox}]
          """);
      h.await(ns, "doomed", "Running", x -> x.status().isReady());
      h.client.resources(Pod.class).inNamespace(ns).delete("doomed", null);
      List<Event> events = awaitReasons(ns, "doomed", "Killing");
      List<String> kills =
          AgentHarness.awaitValue(
              "two Killing events",
              () -> {
                List<String> k =
                    events(ns, "doomed").stream()
                        .filter(e -> e.reason().equals("Killing"))
                        .map(Event::message)
                        .sorted()
                        .toList();
                return k.size() == 2 ? k : null;
              });
      assertThat(kills).containsExactly("Stopping container app", "Stopping container sidecar");
      assertThat(events).isNotEmpty();
    }
  }

  @Test
  void aPodNetworkThatFailsRecordsFailedCreatePodSandBoxAndTheSyncRetries() {
    String ns = h.namespace();
    java.util.concurrent.atomic.AtomicInteger attempts =
        new java.util.concurrent.atomic.AtomicInteger();
    dev.keelson.net.spi.PodNetwork flaky =
        new dev.keelson.net.spi.PodNetwork() {
          @Override
          public dev.keelson.net.spi.PodNetworkStatus setUp(
              dev.keelson.net.spi.PodNetworkRequest request) {
            if (attempts.incrementAndGet() == 1) {
              throw new IllegalStateException("plugin type=\"bridge\" failed (add): no IPs left");
            }
            return new dev.keelson.net.spi.PodNetworkStatus(List.of("10.244.0.7"));
          }

          @Override
          public void tearDown(dev.keelson.net.spi.PodNetworkRequest request) {}
        };
    try (SimNode node = h.node(b -> b.network(flaky))) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: net}
          spec:
            containers: [{name: app, image: nginx}]
          """);
      List<Event> events = awaitReasons(ns, "net", "FailedCreatePodSandBox");
      Event failed = find(events, "FailedCreatePodSandBox");
      assertThat(failed.type()).isEqualTo("Warning");
      assertThat(failed.message())
          .startsWith("Failed to create pod sandbox: failed to set up network for sandbox \"")
          .endsWith("\": plugin type=\"bridge\" failed (add): no IPs left");
      assertThat(h.get(ns, "net").status().phase()).isEqualTo("Pending");
      node.clock().advance(java.time.Duration.ofSeconds(5)); // the sync's retry
      Pod running = h.await(ns, "net", "Running after the retry", x -> x.status().isReady());
      assertThat(running.status().podIP()).isEqualTo("10.244.0.7");
      assertThat(attempts.get()).isEqualTo(2);
    }
  }
}
