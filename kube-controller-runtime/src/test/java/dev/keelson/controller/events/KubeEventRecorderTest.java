package dev.keelson.controller.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Event;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.ClientConfig;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The event recorder against a real API server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeEventRecorderTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration FLUSH = Duration.ofSeconds(20);

  private ApiServer server;
  private KubeClient client;
  private final FakeClock clock = new FakeClock(Instant.parse("2030-05-01T10:00:00Z"));

  @BeforeAll
  void startServer() {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    client = KubeClient.connect(ClientConfig.builder(server.url()).build());
  }

  @AfterAll
  void stopServer() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private ConfigMap newConfigMap() {
    String ns = "ev-" + NAMESPACES.incrementAndGet();
    client
        .resources(Namespace.class)
        .create(KubeJson.decodeYaml("metadata: {name: " + ns + "}", Namespace.class));
    return client
        .resources(ConfigMap.class)
        .inNamespace(ns)
        .create(new ConfigMap(null, null, ObjectMeta.named("settings"), null, Map.of(), null));
  }

  private KubeEventRecorder recorder() {
    return KubeEventRecorder.builder(client, "test-controller").host("node-7").clock(clock).build();
  }

  private List<Event> events(String ns) {
    Resources<Event> events = client.resources(Event.class).inNamespace(ns);
    return events.list(ListOptions.none()).items().stream()
        .sorted(Comparator.comparing(e -> e.metadata().name()))
        .toList();
  }

  @Test
  void anEventCarriesWhatKubectlDescribeShows() throws Exception {
    ConfigMap cm = newConfigMap();
    String ns = cm.metadata().namespace();
    try (KubeEventRecorder r = recorder()) {
      r.warning(cm, "FailedSync", "could not sync: boom");
      assertThat(r.flush(FLUSH)).isTrue();
      assertThat(r.stats().created()).isEqualTo(1);
    }
    List<Event> events = events(ns);
    assertThat(events).hasSize(1);
    Event e = events.get(0);
    assertThat(e.metadata().name()).startsWith("settings.");
    assertThat(e.reason()).isEqualTo("FailedSync");
    assertThat(e.message()).isEqualTo("could not sync: boom");
    assertThat(e.type()).isEqualTo("Warning");
    assertThat(e.count()).isEqualTo(1);
    Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    assertThat(e.firstTimestamp()).isEqualTo(t);
    assertThat(e.lastTimestamp()).isEqualTo(t);
    assertThat(e.source().component()).isEqualTo("test-controller");
    assertThat(e.source().host()).isEqualTo("node-7");
    assertThat(e.reportingComponent()).isEqualTo("test-controller");
    assertThat(e.reportingInstance()).isEqualTo("node-7");
    assertThat(e.involvedObject().kind()).isEqualTo("ConfigMap");
    assertThat(e.involvedObject().apiVersion()).isEqualTo("v1");
    assertThat(e.involvedObject().namespace()).isEqualTo(ns);
    assertThat(e.involvedObject().name()).isEqualTo("settings");
    assertThat(e.involvedObject().uid()).isEqualTo(cm.metadata().uid());
    assertThat(e.involvedObject().resourceVersion()).isEqualTo(cm.metadata().resourceVersion());
  }

  @Test
  void repeatsPatchOneEventWithACountAndTheLatestTimestamp() throws Exception {
    ConfigMap cm = newConfigMap();
    String ns = cm.metadata().namespace();
    Instant first = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    try (KubeEventRecorder r = recorder()) {
      for (int i = 0; i < 3; i++) {
        r.normal(cm, "Synced", "synced fine");
        assertThat(r.flush(FLUSH)).isTrue();
        clock.advance(Duration.ofSeconds(30));
      }
      r.normal(cm, "Synced", "something else");
      assertThat(r.flush(FLUSH)).isTrue();
      assertThat(r.stats()).isEqualTo(new EventRecorderStats(4, 0, 0, 2, 2, 0));
    }
    List<Event> events = events(ns);
    assertThat(events).hasSize(2);
    Event repeated =
        events.stream().filter(e -> e.message().equals("synced fine")).findFirst().orElseThrow();
    assertThat(repeated.count()).isEqualTo(3);
    assertThat(repeated.firstTimestamp()).isEqualTo(first);
    assertThat(repeated.lastTimestamp()).isEqualTo(first.plusSeconds(60));
    assertThat(repeated.type()).isEqualTo("Normal");
  }

  @Test
  void moreThanTenSimilarMessagesAreCombinedIntoOneEvent() throws Exception {
    ConfigMap cm = newConfigMap();
    String ns = cm.metadata().namespace();
    try (KubeEventRecorder r = recorder()) {
      for (int i = 1; i <= 12; i++) {
        r.warning(cm, "FailedCreate", "pod " + i + " refused");
      }
      assertThat(r.flush(FLUSH)).isTrue();
    }
    List<Event> events = events(ns);
    assertThat(events).hasSize(10);
    Event combined =
        events.stream()
            .filter(e -> e.message().startsWith("(combined from similar events): "))
            .findFirst()
            .orElseThrow();
    assertThat(combined.message()).isEqualTo("(combined from similar events): pod 12 refused");
    assertThat(combined.count()).isEqualTo(3);
  }

  @Test
  void theSpamFilterLets25EventsPerObjectThroughThenOneEvery5Minutes() throws Exception {
    ConfigMap cm = newConfigMap();
    try (KubeEventRecorder r = recorder()) {
      for (int i = 0; i < 30; i++) {
        r.normal(cm, "Reason" + i, "m");
      }
      assertThat(r.flush(FLUSH)).isTrue();
      assertThat(r.stats().filtered()).isEqualTo(5);
      clock.advance(Duration.ofMinutes(5));
      r.normal(cm, "Again", "m");
      r.normal(cm, "AgainTooSoon", "m");
      assertThat(r.flush(FLUSH)).isTrue();
      assertThat(r.stats().filtered()).isEqualTo(6);
      assertThat(r.stats().created()).isEqualTo(26);
    }
  }

  @Test
  void recordingNeverBlocksAndDropsWhenTheBufferIsFull() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch writing = new CountDownLatch(1);
    AtomicInteger written = new AtomicInteger();
    EventSink stuck =
        new EventSink() {
          @Override
          public Event create(Event event) {
            writing.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            written.incrementAndGet();
            return event;
          }

          @Override
          public Event patch(String namespace, String name, JsonNode mergePatch) {
            throw new UnsupportedOperationException();
          }
        };
    ConfigMap cm = new ConfigMap(null, null, ObjectMeta.named("ns", "cm"), null, Map.of(), null);
    try (KubeEventRecorder r =
        KubeEventRecorder.builder(stuck, "c")
            .clock(clock)
            .bufferSize(2)
            .spamFilter(false)
            .build()) {
      r.normal(cm, "R0", "taken by the writer, which then hangs");
      assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
      long start = System.nanoTime();
      for (int i = 1; i <= 10; i++) {
        r.normal(cm, "R" + i, "m");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      assertThat(r.stats().recorded()).isEqualTo(3);
      assertThat(r.stats().dropped()).isEqualTo(8);
      release.countDown();
      assertThat(r.flush(FLUSH)).isTrue();
      assertThat(written.get()).isEqualTo(3);
    }
  }
}
