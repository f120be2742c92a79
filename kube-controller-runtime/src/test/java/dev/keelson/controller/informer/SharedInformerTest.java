package dev.keelson.controller.informer;

import static dev.keelson.controller.informer.Recorder.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.GenericObject;
import dev.keelson.api.KubeList;
import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.ClientConfig;
import dev.keelson.client.ConnectionException;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.client.Watch;
import dev.keelson.client.WatchListener;
import dev.keelson.client.WatchOptions;
import dev.keelson.controller.cache.ObjectKey;
import dev.keelson.controller.source.ResourceEventHandler;
import dev.keelson.controller.time.Clock;
import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class SharedInformerTest {
  private static ApiServer server;
  private static KubeClient client;
  private String ns;
  private Resources<ConfigMap> cms;
  private final List<AutoCloseable> closing = new ArrayList<>();

  private static final InformerOptions FAST =
      InformerOptions.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(100));

  @BeforeAll
  static void startServer() {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    client = KubeClient.connect(ClientConfig.builder(server.url()).build());
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.close();
  }

  @BeforeEach
  void namespace(TestInfo info) {
    ns = "t" + Integer.toHexString(info.getDisplayName().hashCode() & 0xfffffff);
    client
        .resources(Namespace.class)
        .create(new Namespace("v1", "Namespace", ObjectMeta.named(ns), null, null));
    cms = client.resources(ConfigMap.class).inNamespace(ns);
  }

  @org.junit.jupiter.api.AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private static ConfigMap cm(String name, String value) {
    return new ConfigMap("v1", "ConfigMap", ObjectMeta.named(name), null, Map.of("v", value), null);
  }

  private SharedInformer<ConfigMap> informer(ListWatch<ConfigMap> lw, InformerOptions o, Clock c) {
    SharedInformer<ConfigMap> i = SharedInformer.of(lw, o, c);
    closing.add(i);
    return i;
  }

  private Map<String, String> serverState() {
    return cms.list(ListOptions.none()).items().stream()
        .collect(Collectors.toMap(c -> c.metadata().name(), c -> c.metadata().resourceVersion()));
  }

  private static Map<String, String> state(List<ConfigMap> items) {
    Map<String, String> m = new HashMap<>();
    for (ConfigMap c : items) {
      m.put(c.metadata().name(), c.metadata().resourceVersion());
    }
    return m;
  }

  @Test
  void listsThenWatchesAndTellsHandlersAddUpdateDelete() throws Exception {
    for (int i = 0; i < 5; i++) {
      cms.create(cm("c" + i, "0"));
    }
    SharedInformer<ConfigMap> inf =
        informer(ListWatch.of(cms), FAST.withPageSize(2), Clock.system());
    Recorder<ConfigMap> rec = new Recorder<>();
    inf.addHandler(rec);
    assertThat(inf.hasSynced()).isFalse();
    inf.start();
    assertThat(inf.waitForSync(Duration.ofSeconds(10))).isTrue();
    assertThat(inf.indexer().size()).isEqualTo(5);
    assertThat(inf.metrics().listPages()).isEqualTo(3); // 2 + 2 + 1
    assertThat(inf.lastSyncResourceVersion()).isNotEmpty();
    await("initial adds", () -> rec.events().size() == 5);
    assertThat(rec.events()).allMatch(e -> e.startsWith("add ") && e.endsWith(" initial"));

    String oldRv = cms.get("c0").metadata().resourceVersion();
    ConfigMap created = cms.create(cm("new", "0"));
    ConfigMap updated = cms.update(cms.get("c0").withData(Map.of("v", "1")));
    cms.delete("c1", null);
    await("watch events", () -> rec.events().size() == 8);
    assertThat(rec.events().subList(5, 8))
        .containsExactly("add new", "update c0 " + oldRv + "->", "delete c1");
    assertThat(inf.indexer().get(ns, "new").orElseThrow()).isEqualTo(created);
    assertThat(inf.indexer().get(ns, "c0").orElseThrow()).isEqualTo(updated);
    assertThat(inf.indexer().get(ns, "c1")).isEmpty();
    assertThat(inf.metrics().watches()).isEqualTo(1);
    assertThat(inf.metrics().watchEvents()).isEqualTo(3);
    assertThat(inf.lastSyncResourceVersion()).isEqualTo(serverResourceVersion());
  }

  private String serverResourceVersion() {
    return cms.list(ListOptions.none()).metadata().resourceVersion();
  }

  @Test
  void handlerAddedAfterStartGetsTheCurrentStateAsInitialAdds() throws Exception {
    cms.create(cm("a", "0"));
    cms.create(cm("b", "0"));
    SharedInformer<ConfigMap> inf = informer(ListWatch.of(cms), FAST, Clock.system());
    inf.start();
    assertThat(inf.waitForSync(Duration.ofSeconds(10))).isTrue();
    Recorder<ConfigMap> late = new Recorder<>();
    inf.addHandler(late);
    await("replay", () -> late.events().size() == 2);
    assertThat(late.events()).containsExactlyInAnyOrder("add a initial", "add b initial");
    cms.create(cm("c", "0"));
    await("live add", () -> late.events().size() == 3);
    assertThat(late.events().get(2)).isEqualTo("add c");
  }

  @Test
  void cacheAndHandlersEqualTheServerAfterAStormOfConcurrentWrites() throws Exception {
    SharedInformer<ConfigMap> inf = informer(ListWatch.of(cms), FAST, Clock.system());
    Recorder<ConfigMap> rec = new Recorder<>();
    inf.addHandler(rec);
    inf.start();
    assertThat(inf.waitForSync(Duration.ofSeconds(10))).isTrue();

    int threads = 4;
    int opsPerThread = 150;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(
          pool.submit(
              () -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                for (int i = 0; i < opsPerThread; i++) {
                  String name = "s" + r.nextInt(40);
                  try {
                    switch (r.nextInt(3)) {
                      case 0 -> cms.create(cm(name, "0"));
                      case 1 -> cms.update(cms.get(name).withData(Map.of("v", "" + i)));
                      default -> cms.delete(name, null);
                    }
                  } catch (NotFoundException
                      | ConflictException
                      | dev.keelson.api.errors.AlreadyExistsException expected) {
                    // Lost a race with another writer: part of the storm.
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    Map<String, String> expected = serverState();
    await("cache converges", () -> state(inf.indexer().list()).equals(expected));
    await(
        "handler state converges",
        () -> state(List.copyOf(rec.state.values())).equals(expected) && inf.handlersIdle());
    assertThat(inf.metrics().relists()).isZero();
    assertThat(inf.metrics().errors()).isZero();
  }

  /** Wraps a list-watch so a test can hold the next watch back and make it start from rv 1. */
  private static final class Interceptor implements ListWatch<ConfigMap> {
    private final ListWatch<ConfigMap> real;
    final AtomicReference<Watch> current = new AtomicReference<>();
    volatile WatchListener<ConfigMap> listener;
    volatile CountDownLatch gate;
    volatile CountDownLatch waiting = new CountDownLatch(1);
    volatile boolean expire;
    final AtomicInteger failLists = new AtomicInteger();

    Interceptor(ListWatch<ConfigMap> real) {
      this.real = real;
    }

    @Override
    public KubeList<ConfigMap> list(ListOptions options) {
      if (failLists.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new ConnectionException("injected list failure", null);
      }
      return real.list(options);
    }

    @Override
    public Watch watch(WatchOptions options, WatchListener<ConfigMap> listener) {
      CountDownLatch g = gate;
      if (g != null) {
        waiting.countDown();
        try {
          g.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      WatchOptions o = options;
      if (expire) {
        expire = false;
        o = options.toBuilder().resourceVersion("1").build();
      }
      Watch w = real.watch(o, listener);
      this.listener = listener;
      current.set(w);
      return w;
    }
  }

  @Test
  void aRelistAfter410GoneReportsMissedDeletesAsFinalStateUnknown() throws Exception {
    cms.create(cm("keep", "0"));
    cms.create(cm("doomed", "0"));
    // Writes before the informer starts so that revision 1 is outside the watch cache's window.
    for (int i = 0; i < 3; i++) {
      cms.update(cms.get("keep").withData(Map.of("v", "" + i)));
    }
    Interceptor lw = new Interceptor(ListWatch.of(cms));
    SharedInformer<ConfigMap> inf = informer(lw, FAST, Clock.system());
    Recorder<ConfigMap> rec = new Recorder<>();
    inf.addHandler(rec);
    inf.start();
    assertThat(inf.waitForSync(Duration.ofSeconds(10))).isTrue();
    await("first watch", () -> lw.current.get() != null);

    // Cut the watch and hold the informer back while the world changes.
    lw.gate = new CountDownLatch(1);
    lw.current.get().close();
    assertThat(lw.waiting.await(10, TimeUnit.SECONDS)).isTrue();
    cms.delete("doomed", null);
    ConfigMap kept = cms.update(cms.get("keep").withData(Map.of("v", "changed")));
    cms.create(cm("born", "0"));

    // The resumed watch starts from a version the server no longer has: 410, relist.
    lw.expire = true;
    lw.gate.countDown();
    await("relist", () -> inf.metrics().relists() == 1 && inf.metrics().lists() == 2);
    await("handler", () -> rec.events().size() == 5);
    assertThat(rec.events().subList(2, 5))
        .containsExactlyInAnyOrder(
            "delete doomed unknown", "update keep " + rec.events().get(4).split(" ")[2], "add born")
        .doesNotContain("add born initial");
    assertThat(rec.eventsMatching("delete")).containsExactly("delete doomed unknown");
    assertThat(inf.indexer().get(ns, "keep").orElseThrow()).isEqualTo(kept);
    assertThat(state(inf.indexer().list())).isEqualTo(serverState());

    // And it keeps watching afterwards.
    cms.create(cm("after", "0"));
    await("watch resumed", () -> inf.indexer().get(ns, "after").isPresent());
  }

  @Test
  void bookmarksAdvanceTheLastResourceVersion() throws Exception {
    cms.create(cm("a", "0"));
    Interceptor lw = new Interceptor(ListWatch.of(cms));
    SharedInformer<ConfigMap> inf = informer(lw, FAST, Clock.system());
    Recorder<ConfigMap> rec = new Recorder<>();
    inf.addHandler(rec);
    inf.start();
    assertThat(inf.waitForSync(Duration.ofSeconds(10))).isTrue();
    await("watch", () -> lw.listener != null);
    String next = Long.toString(Long.parseLong(inf.lastSyncResourceVersion()) + 7);
    ObjectMeta m = dev.keelson.api.meta.ObjectMetaBuilder.builder().resourceVersion(next).build();
    lw.listener.onEvent(
        new dev.keelson.api.meta.WatchEvent<>(
            dev.keelson.api.meta.WatchEvent.BOOKMARK,
            new ConfigMap("v1", "ConfigMap", m, null, null, null)));
    assertThat(inf.lastSyncResourceVersion()).isEqualTo(next);
    assertThat(inf.metrics().bookmarks()).isEqualTo(1);
    assertThat(inf.indexer().size()).isEqualTo(1);
    await("handler", () -> rec.events().size() == 1);
    assertThat(rec.events()).containsExactly("add a initial");
  }

  @Test
  void listFailuresRetryWithBackoffTimedByTheClock() throws Exception {
    cms.create(cm("a", "0"));
    FakeClock clock = new FakeClock();
    Interceptor lw = new Interceptor(ListWatch.of(cms));
    lw.failLists.set(2);
    SharedInformer<ConfigMap> inf =
        informer(
            lw,
            InformerOptions.defaults().withBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1)),
            clock);
    inf.start();
    await("first backoff", () -> clock.pendingTimers() == 1);
    assertThat(inf.hasSynced()).isFalse();
    Instant firstDue = clock.nextTimerAt().orElseThrow();
    assertThat(firstDue)
        .isBetween(clock.instant().plusSeconds(1), clock.instant().plusMillis(1500));
    clock.advance(Duration.ofMillis(1500));
    await("second backoff", () -> inf.metrics().errors() == 2 && clock.pendingTimers() == 1);
    // The second failure waits about twice as long (from when the first timer fired).
    assertThat(clock.nextTimerAt().orElseThrow())
        .isBetween(firstDue.plusSeconds(2), clock.instant().plusSeconds(3));
    assertThat(inf.hasSynced()).isFalse();
    clock.advance(Duration.ofSeconds(3));
    assertThat(inf.waitForSync(Duration.ofSeconds(10))).isTrue();
    assertThat(inf.indexer().size()).isEqualTo(1);
  }

  @Test
  void resyncRedeliversEveryCachedObjectOnTheClock() throws Exception {
    cms.create(cm("a", "0"));
    cms.create(cm("b", "0"));
    FakeClock clock = new FakeClock();
    SharedInformer<ConfigMap> inf =
        informer(ListWatch.of(cms), FAST.withResyncPeriod(Duration.ofMinutes(10)), clock);
    Recorder<ConfigMap> rec = new Recorder<>();
    inf.addHandler(rec);
    inf.start();
    assertThat(inf.waitForSync(Duration.ofSeconds(10))).isTrue();
    await("initial", () -> rec.events().size() == 2);
    clock.advance(Duration.ofMinutes(9));
    assertThat(inf.metrics().resyncs()).isZero();
    clock.advance(Duration.ofMinutes(1));
    await("resync", () -> rec.events().size() == 4);
    assertThat(rec.events().subList(2, 4)).containsExactlyInAnyOrder("resync a", "resync b");
    clock.advance(Duration.ofMinutes(10));
    await("second resync", () -> rec.events().size() == 6);
    assertThat(inf.metrics().resyncs()).isEqualTo(2);
  }

  @Test
  void aSlowHandlerDelaysNobodyAndThenGetsTheNetChange() throws Exception {
    cms.create(cm("x", "0"));
    SharedInformer<ConfigMap> inf = informer(ListWatch.of(cms), FAST, Clock.system());
    CountDownLatch release = new CountDownLatch(1);
    Recorder<ConfigMap> slow =
        new Recorder<>() {
          @Override
          public void onAdd(ConfigMap obj, boolean initial) {
            try {
              release.await();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
            super.onAdd(obj, initial);
          }
        };
    Recorder<ConfigMap> fast = new Recorder<>();
    inf.addHandler(slow);
    inf.addHandler(fast);
    inf.start();
    assertThat(inf.waitForSync(Duration.ofSeconds(10))).isTrue();
    String firstRv = cms.get("x").metadata().resourceVersion();
    for (int i = 1; i <= 5; i++) {
      cms.update(cms.get("x").withData(Map.of("v", "" + i)));
    }
    cms.create(cm("y", "0"));
    cms.delete("y", null);
    // The fast handler reaches the newest state (it may itself coalesce on a busy machine).
    await(
        "fast handler",
        () -> {
          ConfigMap x = fast.state.get(new ObjectKey(ns, "x"));
          return x != null
              && "5".equals(x.data().get("v"))
              && fast.eventsMatching("delete y").size() == 1;
        });
    assertThat(slow.events()).isEmpty();

    release.countDown();
    await("slow handler", () -> inf.handlersIdle() && slow.events().size() == 4);
    // x: its initial add, then one update from what it saw to the newest; y, which came and went
    // while it lagged, as an add and a delete (not nothing: a controller must hear that it went).
    assertThat(slow.events())
        .containsExactly("add x initial", "update x " + firstRv + "->", "add y", "delete y");
    assertThat(slow.state.get(new ObjectKey(ns, "x")).data()).containsEntry("v", "5");
    assertThat(inf.metrics().coalesced()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void aThrowingHandlerKeepsReceiving() throws Exception {
    SharedInformer<ConfigMap> inf = informer(ListWatch.of(cms), FAST, Clock.system());
    AtomicInteger calls = new AtomicInteger();
    inf.addHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(ConfigMap obj, boolean initial) {
            calls.incrementAndGet();
            throw new IllegalStateException("handler bug (expected in this test)");
          }
        });
    inf.start();
    assertThat(inf.waitForSync(Duration.ofSeconds(10))).isTrue();
    cms.create(cm("a", "0"));
    cms.create(cm("b", "0"));
    await("both adds", () -> calls.get() == 2);
  }

  @Test
  void factorySharesOneInformerPerResourceAndScope() throws Exception {
    cms.create(cm("a", "0"));
    try (InformerFactory f = InformerFactory.create(client, Clock.system(), FAST)) {
      SharedInformer<ConfigMap> all = f.informer(ConfigMap.class);
      assertThat(f.informer(ConfigMap.class)).isSameAs(all);
      SharedInformer<ConfigMap> mine = f.informer(ConfigMap.class, FAST.withNamespace(ns));
      assertThat(mine).isNotSameAs(all);
      assertThat(
              f.informer(
                  ConfigMap.class, FAST.withNamespace(ns).withResyncPeriod(Duration.ofHours(1))))
          .isSameAs(mine);
      SharedInformer<GenericObject> generic = f.generic("v1", "ConfigMap", FAST.withNamespace(ns));
      f.start();
      assertThat(f.waitForSync(Duration.ofSeconds(10))).isTrue();
      assertThat(mine.indexer().list()).extracting(c -> c.metadata().name()).containsExactly("a");
      assertThat(all.indexer().list(ns)).hasSize(1);
      GenericObject g = generic.indexer().get(ns, "a").orElseThrow();
      assertThat(g.at("/data/v").asText()).isEqualTo("0");
      // Informers asked for after start start at once.
      SharedInformer<ConfigMap> labelled =
          f.informer(ConfigMap.class, FAST.withLabelSelector("x=y"));
      assertThat(labelled.waitForSync(Duration.ofSeconds(10))).isTrue();
      assertThat(labelled.indexer().size()).isZero();
    }
  }
}
