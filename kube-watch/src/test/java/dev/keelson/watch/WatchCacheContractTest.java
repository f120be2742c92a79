package dev.keelson.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.GoneException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.store.Keys;
import dev.keelson.store.Op;
import dev.keelson.store.RecordingListener;
import dev.keelson.store.Store;
import dev.keelson.store.Txn;
import dev.keelson.store.WatchEvent;
import dev.keelson.store.WatchRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watch cache's behaviour, independent of the store backend: each backend's test extends this
 * class and opens a store ({@code memory:} in {@code MemoryWatchCacheTest}, a real etcd in {@code
 * EtcdWatchCacheIT}).
 */
abstract class WatchCacheContractTest {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final ResourceKeys PODS = ResourceKeys.namespaced("", "pods");

  protected Store store;
  private final List<WatchCache> caches = new ArrayList<>();

  /** A fresh, empty store (or an isolated part of a shared one). */
  protected abstract Store newStore() throws Exception;

  /** How many writes the concurrency test makes (real etcd is slower than memory). */
  protected int concurrentWrites() {
    return 4_000;
  }

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  @AfterEach
  void close() {
    caches.forEach(WatchCache::close);
    store.close();
  }

  WatchCache cache(Consumer<WatchCacheConfig.Builder> customizer) {
    WatchCacheConfig.Builder b =
        WatchCacheConfig.builder(PODS, "v1", "Pod")
            .timerResolution(Duration.ofMillis(10))
            .fields(o -> Map.of("spec.nodeName", o.at("/spec/nodeName").asText("")));
    customizer.accept(b);
    WatchCache c = WatchCache.start(store, b.build());
    caches.add(c);
    return c;
  }

  WatchCache cache() {
    return cache(b -> {});
  }

  static byte[] pod(String namespace, String name, Map<String, String> labels, String node) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", name);
    meta.put("namespace", namespace);
    meta.put("labels", labels);
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    pod.put("metadata", meta);
    pod.put("spec", Map.of("nodeName", node));
    return KubeJson.encode(pod);
  }

  long put(String namespace, String name, Map<String, String> labels) {
    return store.put(Keys.utf8(PODS.key(namespace, name)), pod(namespace, name, labels, "node-1"));
  }

  long delete(String namespace, String name) {
    return store.txn(Txn.of(Op.delete(Keys.utf8(PODS.key(namespace, name))))).revision();
  }

  static Selector app(String value) {
    return Selector.labels("app=" + value);
  }

  /** An event as a test compares it. */
  record Seen(EventType type, String key, long rv) {
    static Seen of(Event e) {
      return new Seen(
          e.type(), e.stored().map(StoredObject::key).orElse(null), e.resourceVersion());
    }
  }

  static List<Seen> seen(List<Event> events) {
    return events.stream().map(Seen::of).toList();
  }

  static List<Seen> objectEvents(List<Event> events) {
    return events.stream().filter(e -> e.type() != EventType.BOOKMARK).map(Seen::of).toList();
  }

  /**
   * What kube-apiserver would send a watcher with {@code options} for the store's history: the
   * independent model the cache is checked against.
   */
  static List<Seen> expected(List<WatchEvent> history, WatchOptions options) {
    Map<String, JsonNode> state = new HashMap<>();
    List<Seen> out = new ArrayList<>();
    for (WatchEvent ev : history) {
      String key = ev.kv().keyString();
      JsonNode before = state.get(key);
      boolean was = before != null && modelMatches(before, key, options);
      if (ev.type() == WatchEvent.Type.DELETE) {
        state.remove(key);
        if (was) {
          out.add(new Seen(EventType.DELETED, key, ev.revision()));
        }
        continue;
      }
      JsonNode after = KubeJson.parse(ev.kv().value());
      state.put(key, after);
      boolean is = modelMatches(after, key, options);
      if (was && is) {
        out.add(new Seen(EventType.MODIFIED, key, ev.revision()));
      } else if (is) {
        out.add(new Seen(EventType.ADDED, key, ev.revision()));
      } else if (was) {
        out.add(new Seen(EventType.DELETED, key, ev.revision()));
      }
    }
    return out;
  }

  private static boolean modelMatches(JsonNode obj, String key, WatchOptions options) {
    ResourceKeys.ObjectName n = PODS.parse(key);
    if (options.namespace() != null && !options.namespace().equals(n.namespace())) {
      return false;
    }
    Map<String, String> labels = new HashMap<>();
    obj.path("metadata")
        .path("labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    Map<String, String> fields =
        Map.of(
            "metadata.name", n.name(),
            "metadata.namespace", n.namespace(),
            "spec.nodeName", obj.path("spec").path("nodeName").asText(""));
    return options.labelSelector().matches(labels) && options.fieldSelector().matches(fields);
  }

  /** The store's events on the pods prefix in {@code (from, to]}, read with a store watch. */
  List<WatchEvent> storeHistory(long from, long to) throws InterruptedException {
    RecordingListener listener = new RecordingListener();
    try (var w = store.watch(WatchRequest.prefix(PODS.prefix()).fromRevision(from + 1), listener)) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (true) {
        List<WatchEvent> events = listener.events();
        if (!events.isEmpty() && events.get(events.size() - 1).revision() >= to) {
          return events.stream().filter(e -> e.revision() <= to).toList();
        }
        assertThat(System.nanoTime()).as("store history up to %d", to).isLessThan(deadline);
        listener.awaitEvents(events.size() + 1, TIMEOUT);
      }
    }
  }

  static Throwable failureOf(Subscription s) throws InterruptedException {
    try {
      s.terminated().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("subscription did not end", e);
    }
  }

  // ------------------------------------------------------------------------------------ tests

  @Test
  void namespaceSubscriberSeesExactlyItsNamespaceWhileTheWindowEvictsAndInterleaves()
      throws Exception {
    // A small window: events leave it (and their namespace links are cut) while the subscriber
    // keeps up burst by burst; namespaces interleave irregularly and one stays quiet for a while.
    WatchCache cache = cache(b -> b.windowEvents(16).bufferEvents(16));
    RecordingSink mine = new RecordingSink();
    cache.subscribe(WatchOptions.all().inNamespace("ns-b"), mine);
    RecordingSink all = new RecordingSink();
    cache.subscribe(WatchOptions.all(), all);
    List<Long> expected = new ArrayList<>();
    String[] namespaces = {"ns-a", "ns-b", "ns-c", "ns-d"};
    int written = 0;
    for (int burst = 0; burst < 30; burst++) {
      for (int i = 0; i < 8; i++) {
        String ns = namespaces[(burst * 7 + i * i) % (burst % 5 == 0 ? 3 : 4)];
        ns = burst >= 10 && burst < 15 && ns.equals("ns-b") ? "ns-c" : ns;
        long rev =
            store.put(Keys.utf8(PODS.key(ns, "p" + i)), pod(ns, "p" + i, Map.of(), "node-1"));
        written++;
        if (ns.equals("ns-b")) {
          expected.add(rev);
        }
      }
      all.awaitCount(written, TIMEOUT);
      mine.awaitCount(expected.size(), TIMEOUT);
    }
    assertThat(mine.events())
        .extracting(Event::resourceVersion)
        .containsExactlyElementsOf(expected);
  }

  @Test
  void everySubscriberGetsEveryMatchingChangeOnceAndInOrderUnderConcurrentWrites()
      throws Exception {
    WatchCache cache = cache(b -> b.windowEvents(50_000).bufferEvents(50_000));
    long start = cache.revision();
    List<WatchOptions> filters =
        List.of(
            WatchOptions.all(),
            WatchOptions.all().inNamespace("ns-1"),
            WatchOptions.all().withLabels(app("web")),
            WatchOptions.all().inNamespace("ns-2").withLabels(Selector.labels("app in (db)")),
            WatchOptions.all().withFields(Selector.fields("metadata.name=n-3")),
            WatchOptions.all()
                .withLabels(Selector.labels("app!=web"))
                .withFields(Selector.fields("spec.nodeName=node-2,metadata.namespace!=ns-0")));
    List<RecordingSink> sinks = new ArrayList<>();
    List<WatchOptions> used = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      WatchOptions o = filters.get(i % filters.size()).startingAt(StartAt.after(start));
      RecordingSink sink = new RecordingSink();
      cache.subscribe(o, sink);
      sinks.add(sink);
      used.add(o);
    }
    int writers = 4;
    int perWriter = concurrentWrites() / writers;
    CountDownLatch done = new CountDownLatch(writers);
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int w = 0; w < writers; w++) {
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  ThreadLocalRandom rnd = ThreadLocalRandom.current();
                  for (int i = 0; i < perWriter; i++) {
                    String ns = "ns-" + rnd.nextInt(3);
                    String name = "n-" + rnd.nextInt(10);
                    byte[] key = Keys.utf8(PODS.key(ns, name));
                    if (rnd.nextInt(5) == 0) {
                      store.txn(Txn.of(Op.delete(key)));
                    } else {
                      store.put(
                          key,
                          pod(
                              ns,
                              name,
                              Map.of("app", rnd.nextBoolean() ? "web" : "db"),
                              "node-" + rnd.nextInt(3)));
                    }
                  }
                } catch (Throwable t) {
                  failures.add(t);
                } finally {
                  done.countDown();
                }
              });
    }
    assertThat(done.await(TIMEOUT.toSeconds() * 4, TimeUnit.SECONDS)).isTrue();
    assertThat(failures).isEmpty();
    long end = store.currentRevision();
    List<WatchEvent> history = storeHistory(start, end);
    for (int i = 0; i < sinks.size(); i++) {
      List<Seen> want = expected(history, used.get(i));
      List<Event> got = sinks.get(i).awaitUntil(es -> es.size() >= want.size(), TIMEOUT);
      assertThat(seen(got)).as("subscriber %d (%s)", i, used.get(i)).isEqualTo(want);
    }
    // Nothing extra arrives later either: a marker write reaches everyone after all of the above.
    long marker = put("ns-1", "n-3", Map.of("app", "web"));
    for (RecordingSink sink : sinks) {
      sink.awaitUntil(
          es ->
              !es.isEmpty() && es.get(es.size() - 1).resourceVersion() == marker
                  || es.stream().allMatch(e -> e.resourceVersion() < marker),
          TIMEOUT);
    }
    assertThat(cache.metrics().endedByOverflow()).isZero();
  }

  @Test
  void resumingFromEveryRevisionInsideTheWindowReplaysExactlyWhatWasMissed() throws Exception {
    WatchCache cache = cache(b -> b.windowEvents(1_000).bufferEvents(1_000));
    long start = cache.revision();
    for (int i = 0; i < 40; i++) {
      String name = "p-" + (i % 7);
      if (i % 5 == 4) {
        delete("default", name);
      } else {
        put("default", name, Map.of("app", i % 2 == 0 ? "web" : "db"));
      }
    }
    long end = store.currentRevision();
    List<WatchEvent> history = storeHistory(start, end);
    WatchOptions web = WatchOptions.all().withLabels(app("web"));
    for (long r = start; r <= end; r++) {
      long from = r;
      for (WatchOptions o : List.of(WatchOptions.all(), web)) {
        RecordingSink sink = new RecordingSink();
        try (Subscription s = cache.subscribe(o.startingAt(StartAt.after(r)), sink)) {
          List<Seen> want = expected(history, o).stream().filter(e -> e.rv() > from).toList();
          // A marker after the end proves nothing else is coming.
          List<Event> got =
              sink.awaitUntil(es -> es.size() >= want.size(), TIMEOUT).subList(0, want.size());
          assertThat(seen(got)).as("resume after %d", r).isEqualTo(want);
          assertThat(sink.events()).hasSize(want.size());
        }
      }
    }
  }

  @Test
  void resumingFromARevisionOlderThanTheWindowEndsWith410Expired() throws Exception {
    WatchCache cache = cache(b -> b.windowEvents(10).bufferEvents(10));
    long start = cache.revision();
    for (int i = 0; i < 30; i++) {
      put("default", "p-" + i, Map.of());
    }
    long end = store.currentRevision();
    awaitCacheRevision(cache, end);
    RecordingSink sink = new RecordingSink();
    Subscription s = cache.subscribe(WatchOptions.all().startingAt(StartAt.after(start + 1)), sink);
    Throwable failure = failureOf(s);
    assertThat(failure).isInstanceOf(GoneException.class);
    assertThat(((GoneException) failure).isExpired()).isTrue();
    List<Event> events = sink.events();
    assertThat(events).hasSize(1);
    Event error = events.get(0);
    assertThat(error.type()).isEqualTo(EventType.ERROR);
    long oldest = end - 10;
    JsonNode json = KubeJson.parse(error.json());
    assertThat(json.path("type").asText()).isEqualTo("ERROR");
    JsonNode status = json.path("object");
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(status.path("status").asText()).isEqualTo("Failure");
    assertThat(status.path("reason").asText()).isEqualTo("Expired");
    assertThat(status.path("code").asInt()).isEqualTo(410);
    assertThat(status.path("message").asText())
        .isEqualTo("too old resource version: " + (start + 1) + " (" + oldest + ")");
    assertThat(cache.metrics().endedByExpired()).isEqualTo(1);

    // The oldest resumable revision itself is still served.
    RecordingSink ok = new RecordingSink();
    try (Subscription s2 =
        cache.subscribe(WatchOptions.all().startingAt(StartAt.after(oldest)), ok)) {
      assertThat(seen(ok.awaitCount(10, TIMEOUT)))
          .extracting(Seen::rv)
          .containsExactly(
              java.util.stream.LongStream.rangeClosed(oldest + 1, end)
                  .boxed()
                  .toArray(Long[]::new));
    }
  }

  @Test
  void objectsStartingOrStoppingToMatchArriveAsAddedOrDeleted() throws Exception {
    WatchCache cache = cache();
    RecordingSink sink = new RecordingSink();
    cache.subscribe(WatchOptions.all().withLabels(app("web")), sink);
    long r1 = put("default", "a", Map.of("app", "db")); // never matched: nothing
    long r2 = put("default", "a", Map.of("app", "web")); // starts matching: ADDED
    long r3 = put("default", "a", Map.of("app", "web", "v", "2")); // still matches: MODIFIED
    long r4 = put("default", "a", Map.of("app", "db")); // stops matching: DELETED, new state
    long r5 = delete("default", "a"); // not matching any more: nothing
    long r6 = put("default", "b", Map.of("app", "web")); // created matching: ADDED
    long r7 = delete("default", "b"); // deleted while matching: DELETED at the delete's revision
    String a = PODS.key("default", "a");
    String b = PODS.key("default", "b");
    List<Event> got = sink.awaitRevision(r7, TIMEOUT);
    assertThat(seen(got))
        .containsExactly(
            new Seen(EventType.ADDED, a, r2),
            new Seen(EventType.MODIFIED, a, r3),
            new Seen(EventType.DELETED, a, r4),
            new Seen(EventType.ADDED, b, r6),
            new Seen(EventType.DELETED, b, r7));
    assertThat(got.get(2).object().metadata().labels()).containsEntry("app", "db");
    assertThat(got.get(2).object().metadata().resourceVersion()).isEqualTo(Long.toString(r4));
    assertThat(got.get(4).object().metadata().labels()).containsEntry("app", "web");
    assertThat(got.get(4).object().metadata().resourceVersion()).isEqualTo(Long.toString(r7));
    assertThat(r1).isLessThan(r5);
  }

  @Test
  void eventsAreSerializedOnceWithTheResourceVersionAndSharedBySubscribers() throws Exception {
    WatchCache cache = cache();
    RecordingSink one = new RecordingSink();
    RecordingSink two = new RecordingSink();
    cache.subscribe(WatchOptions.all(), one);
    cache.subscribe(WatchOptions.all().inNamespace("default"), two);
    long rv = put("default", "web", Map.of("app", "web"));
    Event e1 = one.awaitRevision(rv, TIMEOUT).get(0);
    Event e2 = two.awaitRevision(rv, TIMEOUT).get(0);
    assertThat(e1).isSameAs(e2);
    assertThat(e1.json()).isSameAs(e2.json());
    JsonNode json = KubeJson.parse(e1.json());
    assertThat(json.path("type").asText()).isEqualTo("ADDED");
    assertThat(json.path("object").path("metadata").path("resourceVersion").asText())
        .isEqualTo(Long.toString(rv));
    assertThat(json.path("object").path("metadata").path("name").asText()).isEqualTo("web");
    assertThat(new String(e1.json(), StandardCharsets.UTF_8))
        .startsWith("{\"type\":\"ADDED\",\"object\":{");
    // The stored value itself carries no resource version (design.md section 2).
    assertThat(
            KubeJson.parse(store.get(Keys.utf8(PODS.key("default", "web"))).orElseThrow().value())
                .path("metadata")
                .has("resourceVersion"))
        .isFalse();
  }

  @Test
  void aSlowSubscriberIsEndedWith410WhileFastOnesReceiveEverything() throws Exception {
    WatchCache cache = cache(b -> b.windowEvents(1_000).bufferEvents(1_000));
    long start = cache.revision();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    List<Event> slowEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
    Subscription slow =
        cache.subscribe(
            WatchOptions.all().withBufferEvents(20).startingAt(StartAt.after(start)),
            event -> {
              slowEvents.add(event);
              blocked.countDown();
              release.await();
            });
    List<RecordingSink> fast = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      RecordingSink sink = new RecordingSink();
      cache.subscribe(WatchOptions.all().startingAt(StartAt.after(start)), sink);
      fast.add(sink);
    }
    put("default", "p-0", Map.of("i", "0"));
    assertThat(blocked.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i < 100; i++) {
      put("default", "p-" + (i % 10), Map.of("i", Integer.toString(i)));
    }
    long end = store.currentRevision();
    for (RecordingSink sink : fast) {
      List<Event> got = sink.awaitRevision(end, TIMEOUT);
      assertThat(got).hasSize(100);
      assertThat(got).extracting(Event::resourceVersion).isSorted().doesNotHaveDuplicates();
    }
    assertThat(slow.terminated().toCompletableFuture().isDone()).isFalse();
    release.countDown();
    Throwable failure = failureOf(slow);
    assertThat(failure).isInstanceOf(GoneException.class);
    Event last = slowEvents.get(slowEvents.size() - 1);
    assertThat(last.type()).isEqualTo(EventType.ERROR);
    assertThat(last.status().orElseThrow().code()).isEqualTo(410);
    assertThat(last.status().orElseThrow().reason()).isEqualTo("Expired");
    assertThat(slowEvents.get(0).resourceVersion()).isEqualTo(start + 1);
    assertThat(cache.metrics().endedByOverflow()).isEqualTo(1);
    for (RecordingSink sink : fast) {
      assertThat(sink.events()).noneMatch(e -> e.type() == EventType.ERROR);
    }
  }

  @Test
  void bookmarksCarryTheCachesCurrentRevision() throws Exception {
    WatchCache cache = cache(b -> b.bookmarkInterval(Duration.ofMillis(50)));
    RecordingSink sink = new RecordingSink();
    cache.subscribe(WatchOptions.all().inNamespace("quiet").withBookmarks(true), sink);
    long last = 0;
    for (int i = 0; i < 5; i++) {
      last = put("busy", "p-" + i, Map.of());
    }
    long rv = last;
    List<Event> got =
        sink.awaitUntil(
            es ->
                es.stream()
                    .anyMatch(e -> e.type() == EventType.BOOKMARK && e.resourceVersion() == rv),
            TIMEOUT);
    assertThat(got).allMatch(e -> e.type() == EventType.BOOKMARK);
    assertThat(got).extracting(Event::resourceVersion).isSorted();
    Event bookmark = got.get(got.size() - 1);
    assertThat(KubeJson.parse(bookmark.json()))
        .isEqualTo(
            KubeJson.parse(
                ("{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\","
                        + "\"metadata\":{\"resourceVersion\":\""
                        + rv
                        + "\"}}}")
                    .getBytes(StandardCharsets.UTF_8)));
    assertThat(cache.metrics().bookmarksDelivered()).isPositive();

    RecordingSink none = new RecordingSink();
    try (Subscription s = cache.subscribe(WatchOptions.all().inNamespace("quiet"), none)) {
      long more = put("busy", "x", Map.of());
      sink.awaitUntil(es -> es.stream().anyMatch(e -> e.resourceVersion() == more), TIMEOUT);
      assertThat(none.events()).isEmpty(); // no bookmarks unless asked
    }
  }

  @Test
  void initialEventsAreTheCurrentObjectsThenAMarkedBookmarkThenChanges() throws Exception {
    put("default", "b", Map.of("app", "web"));
    put("default", "a", Map.of("app", "web"));
    put("other", "c", Map.of("app", "web"));
    long rv = put("default", "d", Map.of("app", "db"));
    WatchCache cache = cache();
    RecordingSink sink = new RecordingSink();
    cache.subscribe(
        WatchOptions.all()
            .inNamespace("default")
            .withLabels(app("web"))
            .startingAt(StartAt.initialEvents()),
        sink);
    List<Event> got = sink.awaitCount(3, TIMEOUT);
    assertThat(got)
        .extracting(Event::type)
        .containsExactly(EventType.ADDED, EventType.ADDED, EventType.BOOKMARK);
    assertThat(got.subList(0, 2))
        .extracting(e -> e.object().metadata().name())
        .containsExactly("a", "b");
    Event end = got.get(2);
    assertThat(end.resourceVersion()).isEqualTo(rv);
    JsonNode meta = KubeJson.parse(end.json()).path("object").path("metadata");
    assertThat(meta.path("annotations").path(Event.INITIAL_EVENTS_END).asText()).isEqualTo("true");
    assertThat(meta.path("resourceVersion").asText()).isEqualTo(Long.toString(rv));
    long next = put("default", "e", Map.of("app", "web"));
    assertThat(seen(sink.awaitCount(4, TIMEOUT)).get(3))
        .isEqualTo(new Seen(EventType.ADDED, PODS.key("default", "e"), next));

    RecordingSink zero = new RecordingSink();
    cache.subscribe(WatchOptions.all().startingAt(StartAt.resourceVersion("0")), zero);
    assertThat(zero.awaitCount(5, TIMEOUT)).extracting(Event::type).containsOnly(EventType.ADDED);
  }

  @Test
  void aSubscriptionWithATimeoutEndsCleanlyAfterIt() throws Exception {
    WatchCache cache = cache();
    RecordingSink sink = new RecordingSink();
    long began = System.nanoTime();
    Subscription s = cache.subscribe(WatchOptions.all().withTimeout(Duration.ofMillis(300)), sink);
    assertThat(failureOf(s)).isNull();
    assertThat(System.nanoTime() - began).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
    assertThat(sink.events()).isEmpty();
    assertThat(cache.metrics().subscribers()).isZero();
  }

  @Test
  void aWatchFromTheStoresRevisionStartsAtOnceThoughThisResourceWasQuiet() throws Exception {
    // kubectl get -w lists (the store answers with its own revision, moved by other resources'
    // writes) and then watches from that revision.
    WatchCache cache = cache(b -> b.listWaitTimeout(Duration.ofSeconds(60)));
    awaitCacheRevision(cache, put("default", "a", Map.of()));
    long elsewhere = 0;
    for (int i = 0; i < 3; i++) {
      elsewhere =
          store.put(Keys.utf8("/registry/services/default/s-" + i), pod("d", "s", Map.of(), "n"));
    }
    long storeRevision = elsewhere;
    assertThat(cache.revision()).isLessThan(storeRevision);
    RecordingSink sink = new RecordingSink();
    Subscription s =
        cache.subscribe(
            WatchOptions.all().withBookmarks(true).startingAt(StartAt.after(storeRevision)), sink);
    long next = put("default", "b", Map.of());
    List<Event> got =
        sink.awaitUntil(
            es -> es.stream().anyMatch(e -> e.type() != EventType.BOOKMARK),
            Duration.ofSeconds(20));
    assertThat(objectEvents(got))
        .containsExactly(new Seen(EventType.ADDED, PODS.key("default", "b"), next));
    assertThat(got).extracting(Event::resourceVersion).allMatch(rv -> rv >= storeRevision);
    s.close();
  }

  @Test
  void aResourceVersionTheCacheDoesNotReachInTimeEndsWith504() throws Exception {
    WatchCache cache = cache(b -> b.listWaitTimeout(Duration.ofMillis(100)));
    RecordingSink sink = new RecordingSink();
    long future = store.currentRevision() + 1000;
    Subscription s = cache.subscribe(WatchOptions.all().startingAt(StartAt.after(future)), sink);
    assertThat(failureOf(s)).isInstanceOf(ApiException.class);
    assertThat(sink.events())
        .singleElement()
        .satisfies(e -> assertThat(e.status().orElseThrow().code()).isEqualTo(504));
  }

  @Test
  void aListAtTheStoresRevisionCanBeWatchedFromWhenTheNewestWritesAreToOtherResources()
      throws Exception {
    put("default", "p-1", Map.of());
    WatchCache cache =
        cache(
            b ->
                b.listWaitTimeout(Duration.ofSeconds(20))
                    .consistentReadWait(Duration.ofSeconds(20)));
    long other = store.put(Keys.utf8("/registry/configmaps/default/unrelated"), new byte[] {'x'});

    // The store's progress report tells the cache it is current: the list is served from memory
    // at the store's revision, not after a wait from the store.
    ListResult list = cache.list(ListOptions.all());
    assertThat(list.resourceVersion()).isEqualTo(other);
    assertThat(list.fromCache()).isTrue();
    assertThat(cache.metrics().listsFromStore()).isZero();

    // ...and a watch from the list's revision starts at once (it was 504 "Too large resource
    // version" before: the cache's newest event was older than the list).
    RecordingSink sink = new RecordingSink();
    cache.subscribe(WatchOptions.all().startingAt(StartAt.after(list.resourceVersion())), sink);
    long next = put("default", "p-2", Map.of());
    assertThat(sink.awaitRevision(next, Duration.ofSeconds(5)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.ADDED);
              assertThat(e.resourceVersion()).isEqualTo(next);
            });
  }

  @Test
  void consistentListsAreServedFromTheCacheInPagesAtOneRevision() throws Exception {
    for (int i = 0; i < 25; i++) {
      put(
          i % 2 == 0 ? "even" : "odd",
          String.format("p-%02d", i),
          Map.of("app", i % 3 == 0 ? "web" : "db"));
    }
    WatchCache cache = cache();
    long rv = store.currentRevision();
    ListResult all = cache.list(ListOptions.all());
    assertThat(all.items()).hasSize(25);
    assertThat(all.resourceVersion()).isGreaterThanOrEqualTo(rv);
    assertThat(all.fromCache()).isTrue();
    assertThat(all.continueToken()).isNull();

    ListOptions page = ListOptions.all().inNamespace("even").withLimit(4);
    ListResult first = cache.list(page);
    assertThat(first.items()).hasSize(4);
    // Changes between pages do not show: every page is read at the first page's revision.
    put("even", "p-99", Map.of());
    delete("even", "p-20");
    List<StoredObject> items = new ArrayList<>(first.items());
    String token = first.continueToken();
    while (token != null) {
      ListResult next = cache.list(page.continuing(token));
      assertThat(next.resourceVersion()).isEqualTo(first.resourceVersion());
      assertThat(next.fromCache()).isTrue();
      items.addAll(next.items());
      token = next.continueToken();
    }
    assertThat(items)
        .extracting(StoredObject::name)
        .containsExactly(
            "p-00", "p-02", "p-04", "p-06", "p-08", "p-10", "p-12", "p-14", "p-16", "p-18", "p-20",
            "p-22", "p-24");
    ListResult web = cache.list(ListOptions.all().withLabels(app("web")));
    assertThat(web.items())
        .extracting(StoredObject::name)
        .containsExactly("p-00", "p-06", "p-12", "p-18", "p-24", "p-03", "p-09", "p-15", "p-21");
    ListResult now = cache.list(ListOptions.all().inNamespace("even"));
    assertThat(now.items()).extracting(StoredObject::name).contains("p-99").doesNotContain("p-20");
    assertThat(now.resourceVersion()).isEqualTo(store.currentRevision());
    assertThat(cache.metrics().listsFromStore()).isZero();
  }

  @Test
  void getReturnsTheObjectAtAKeyAsTheCacheHoldsIt() throws Exception {
    put("a", "p-1", Map.of("app", "web"));
    put("b", "p-1", Map.of());
    WatchCache cache = cache();
    StoredObject a = cache.get(PODS.key("a", "p-1")).orElseThrow();
    assertThat(a.namespace()).isEqualTo("a");
    assertThat(a.labels()).containsEntry("app", "web");
    assertThat(cache.get(PODS.key("b", "p-1")).orElseThrow().namespace()).isEqualTo("b");
    assertThat(cache.get(PODS.key("a", "p-2"))).isEmpty();
    assertThat(cache.get(PODS.key("a", "p"))).isEmpty();
    long rv = put("a", "p-1", Map.of("app", "db"));
    delete("b", "p-1");
    cache.list(ListOptions.all()); // a consistent list: the cache has caught up with the store
    StoredObject updated = cache.get(PODS.key("a", "p-1")).orElseThrow();
    assertThat(updated.labels()).containsEntry("app", "db");
    assertThat(updated.resourceVersion()).isEqualTo(rv);
    assertThat(cache.get(PODS.key("b", "p-1"))).isEmpty();
  }

  @Test
  void aRepeatedListOverUnchangedObjectsIsTheSamePageAndAnyWriteIsSeenByTheNextList()
      throws Exception {
    for (int i = 0; i < 6; i++) {
      put(i % 2 == 0 ? "a" : "b", "p-" + i, Map.of("app", i % 3 == 0 ? "web" : "db"));
    }
    WatchCache cache = cache();
    ListOptions inA = ListOptions.all().inNamespace("a");
    ListResult first = cache.list(inA);
    assertThat(first.items()).extracting(StoredObject::name).containsExactly("p-0", "p-2", "p-4");
    // Nothing changed: the same page, not scanned again.
    assertThat(cache.list(inA).items()).isSameAs(first.items());
    // Pages of a limit, and selectors, are lists of their own.
    ListOptions two = inA.withLimit(2);
    ListResult page = cache.list(two);
    assertThat(page.items()).extracting(StoredObject::name).containsExactly("p-0", "p-2");
    assertThat(cache.list(two).continueToken()).isEqualTo(page.continueToken()).isNotNull();
    assertThat(cache.list(inA.withLabels(app("web"))).items())
        .extracting(StoredObject::name)
        .containsExactly("p-0");
    assertThat(cache.list(ListOptions.all()).items()).hasSize(6);
    assertThat(cache.list(inA).items()).isSameAs(first.items());

    // A write to another namespace: the same objects, at the new revision.
    long r = put("b", "p-7", Map.of());
    awaitCacheRevision(cache, r);
    ListResult afterB = cache.list(inA);
    assertThat(afterB.resourceVersion()).isEqualTo(r);
    assertThat(afterB.items()).extracting(StoredObject::name).containsExactly("p-0", "p-2", "p-4");
    // Writes to the namespace: an update, a create and a delete all show at once.
    put("a", "p-2", Map.of("app", "web"));
    put("a", "p-1", Map.of());
    r = delete("a", "p-4");
    awaitCacheRevision(cache, r);
    ListResult now = cache.list(inA);
    assertThat(now.items()).extracting(StoredObject::name).containsExactly("p-0", "p-1", "p-2");
    assertThat(now.items().get(2).resourceVersion())
        .isGreaterThan(first.items().get(1).resourceVersion());
    assertThat(cache.list(inA.withLabels(app("web"))).items())
        .extracting(StoredObject::name)
        .containsExactly("p-0", "p-2");
    assertThat(cache.list(two).items())
        .extracting(StoredObject::name)
        .containsExactly("p-0", "p-1");
  }

  @Test
  void listsRacingWritesAlwaysHoldExactlyTheObjectsOfTheirRevision() throws Exception {
    WatchCache cache = cache();
    int writes = concurrentWrites() / 4;
    long[] revisions = new long[writes];
    Thread writer =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int i = 0; i < writes; i++) {
                    revisions[i] = put("ns", String.format("p-%05d", i), Map.of());
                  }
                });
    List<ListResult> seen = new ArrayList<>();
    while (writer.isAlive()) {
      seen.add(cache.list(ListOptions.all().inNamespace("ns")));
      seen.add(cache.list(ListOptions.all().inNamespace("ns")));
    }
    writer.join();
    seen.add(cache.list(ListOptions.all().inNamespace("ns")));
    for (ListResult list : seen) {
      // Creates only, in name order: a list at revision R holds the first k names written by R.
      int k = 0;
      while (k < writes && revisions[k] <= list.resourceVersion()) {
        k++;
      }
      assertThat(list.items()).as("list at %d", list.resourceVersion()).hasSize(k);
      if (k > 0) {
        assertThat(list.items().get(k - 1).name()).isEqualTo(String.format("p-%05d", k - 1));
      }
    }
    assertThat(seen.get(seen.size() - 1).items()).hasSize(writes);
  }

  @Test
  void aContinueTokenOlderThanTheWindowIsServedByTheStoreUntilCompactedThen410() throws Exception {
    for (int i = 0; i < 10; i++) {
      put("default", "p-" + i, Map.of());
    }
    WatchCache cache = cache(b -> b.windowEvents(5).bufferEvents(5));
    ListOptions page = ListOptions.all().withLimit(3);
    ListResult first = cache.list(page);
    for (int i = 0; i < 10; i++) {
      put("default", "q-" + i, Map.of());
    }
    awaitCacheRevision(cache, store.currentRevision());
    ListResult second = cache.list(page.continuing(first.continueToken()));
    assertThat(second.fromCache()).isFalse();
    assertThat(second.resourceVersion()).isEqualTo(first.resourceVersion());
    assertThat(second.items()).extracting(StoredObject::name).containsExactly("p-3", "p-4", "p-5");
    store.compact(store.currentRevision());
    assertThatThrownBy(() -> cache.list(page.continuing(first.continueToken())))
        .isInstanceOfSatisfying(
            GoneException.class,
            e -> {
              assertThat(e.isExpired()).isTrue();
              assertThat(e.getMessage()).startsWith("The provided continue parameter is too old");
            });
  }

  @Test
  void exactAndNotOlderThanListsFollowKubernetesSemantics() throws Exception {
    WatchCache cache = cache();
    long r1 = put("default", "a", Map.of());
    long r2 = put("default", "b", Map.of());
    awaitCacheRevision(cache, r2);
    ListResult exact =
        cache.list(
            ListOptions.all()
                .atResourceVersion(Long.toString(r1), ListOptions.ResourceVersionMatch.EXACT));
    assertThat(exact.resourceVersion()).isEqualTo(r1);
    assertThat(exact.items()).extracting(StoredObject::name).containsExactly("a");
    ListResult notOlder = cache.list(ListOptions.all().atResourceVersion(Long.toString(r1), null));
    assertThat(notOlder.resourceVersion()).isEqualTo(r2);
    assertThat(notOlder.items()).hasSize(2);
    ListResult any = cache.list(ListOptions.all().atResourceVersion("0", null));
    assertThat(any.items()).hasSize(2);
  }

  @Test
  void theEventBusDeliversDecodedObjectsToInProcessConsumers() throws Exception {
    try (EventBus bus = EventBus.over(store)) {
      bus.register(WatchCacheConfig.builder(PODS, "v1", "Pod").build());
      java.util.concurrent.BlockingQueue<String> names =
          new java.util.concurrent.LinkedBlockingQueue<>();
      RecordingSink raw = new RecordingSink();
      bus.subscribe(PODS.groupResource(), WatchOptions.all().withLabels(app("web")), raw);
      bus.subscribe(
          PODS.groupResource(),
          WatchOptions.all().withLabels(app("web")),
          EventSink.typed(
              dev.keelson.api.meta.PartialObjectMetadata.class,
              (type, obj, event) -> names.add(type + " " + obj.metadata().name())));
      long rv = put("default", "web-1", Map.of("app", "web"));
      put("default", "db-1", Map.of("app", "db"));
      raw.awaitRevision(rv, TIMEOUT);
      assertThat(names.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("ADDED web-1");
      long rv2 = put("default", "web-1", Map.of("app", "db"));
      raw.awaitRevision(rv2, TIMEOUT);
      assertThat(names.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("DELETED web-1");
      assertThat(names).isEmpty();
      assertThat(bus.list(PODS.groupResource(), ListOptions.all()).items()).hasSize(2);
    }
  }

  @Test
  void invalidSelectorsAreBadRequests() {
    assertThatThrownBy(() -> Selector.labels("app in (web"))
        .isInstanceOf(dev.keelson.api.errors.BadRequestException.class);
    assertThatThrownBy(() -> Selector.fields("a"))
        .isInstanceOf(dev.keelson.api.errors.BadRequestException.class);
  }

  @Test
  void closingTheCacheEndsSubscriptionsNormally() throws Exception {
    WatchCache cache = cache();
    RecordingSink sink = new RecordingSink();
    Subscription s = cache.subscribe(WatchOptions.all(), sink);
    cache.close();
    assertThat(failureOf(s)).isNull();
    assertThatThrownBy(() -> cache.subscribe(WatchOptions.all(), sink))
        .isInstanceOf(IllegalStateException.class);
    assertThat(cache.awaitTermination(TIMEOUT)).isTrue();
  }

  static void awaitCacheRevision(WatchCache cache, long revision) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (cache.revision() < revision) {
      assertThat(System.nanoTime()).as("cache reaching %d", revision).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(1);
    }
  }
}
