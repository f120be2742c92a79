package dev.keelson.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Store} backend satisfies. Each backend's test extends this class and
 * says how to open a store; the same tests then run against memory, file and etcd.
 *
 * <p>Every test works under its own random key prefix and reasons about revisions relative to the
 * store's current revision, so the suite also runs against a shared, non-empty etcd.
 */
public abstract class StoreContractTest extends KeyValueContract {
  // The key-value tests are inherited from KeyValueContract; this class adds watch, compaction
  // and shutdown, so that extending it runs the whole contract.

  // ---------------------------------------------------------------- watch

  @Test
  void watchDeliversPutsAndDeletesWithPreviousValues() throws Exception {
    RecordingListener listener = new RecordingListener();
    try (Watch w = store.watch(WatchRequest.prefix(key("")), listener)) {
      long r1 = store.create(key("a"), bytes("v1"));
      long r2 = store.update(key("a"), bytes("v2"), r1);
      long r3 = store.delete(key("a"), r2);
      List<WatchEvent> events = listener.awaitEvents(3, TIMEOUT);
      assertThat(events)
          .extracting(WatchEvent::type)
          .containsExactly(WatchEvent.Type.PUT, WatchEvent.Type.PUT, WatchEvent.Type.DELETE);
      assertThat(events).extracting(WatchEvent::revision).containsExactly(r1, r2, r3);
      assertThat(events.get(0).prevKv()).isNull();
      assertThat(events.get(1).kv().valueString()).isEqualTo("v2");
      assertThat(events.get(1).prevKv().valueString()).isEqualTo("v1");
      assertThat(events.get(2).kv().key()).isEqualTo(key("a"));
      assertThat(events.get(2).kv().modRevision()).isEqualTo(r3);
      assertThat(events.get(2).prevKv().valueString()).isEqualTo("v2");
      assertThat(events.get(2).prevKv().modRevision()).isEqualTo(r2);
    }
  }

  @Test
  void aProgressRequestReportsTheStoresRevisionAfterTheEarlierEvents() throws Exception {
    RecordingListener listener = new RecordingListener();
    try (Watch w = store.watch(WatchRequest.prefix(key("p/")), listener)) {
      long mine = store.put(key("p/a"), bytes("1"));
      long other = store.put(key("elsewhere"), bytes("2")); // the newest write is not watched
      long[] progress = listener.awaitProgress(other, TIMEOUT, w::requestProgress);
      assertThat(progress[0]).isGreaterThanOrEqualTo(other);
      assertThat(progress[1]).as("events delivered before the progress call").isEqualTo(1);
      assertThat(listener.events()).extracting(WatchEvent::revision).containsExactly(mine);
    }
  }

  @Test
  void watchSeesOnlyItsPrefix() throws Exception {
    RecordingListener listener = new RecordingListener();
    try (Watch w = store.watch(WatchRequest.prefix(key("in/")), listener)) {
      store.put(key("in0"), bytes("sibling"));
      store.put(key("other"), bytes("x"));
      long marker = store.put(key("in/marker"), bytes("m"));
      List<WatchEvent> events = listener.awaitEvents(1, TIMEOUT);
      assertThat(events).extracting(WatchEvent::revision).containsExactly(marker);
    }
  }

  @Test
  void watchFromAPastRevisionReplaysExactlyTheMissedEventsInOrder() throws Exception {
    long r0 = store.put(key("a"), bytes("a0"));
    store.put(key("unwatched-sibling"), bytes("-"));
    long r1 = store.put(key("w/a"), bytes("1"));
    long r2 = store.put(key("w/b"), bytes("2"));
    long r3 = store.update(key("w/a"), bytes("3"), r1);
    long r4 = store.delete(key("w/b"), r2);
    TxnResult t = store.txn(Txn.of(Op.put(key("w/c"), bytes("5")), Op.put(key("w/a"), bytes("5"))));
    long r5 = t.revision();

    RecordingListener listener = new RecordingListener();
    try (Watch w = store.watch(WatchRequest.prefix(key("w/")).fromRevision(r2), listener)) {
      long marker = store.put(key("w/zz-marker"), bytes("end"));
      List<WatchEvent> events = listener.awaitEvents(6, TIMEOUT);
      assertThat(events)
          .extracting(e -> e.revision() + " " + e.type() + " " + e.kv().keyString())
          .containsExactly(
              r2 + " PUT " + prefix + "w/b",
              r3 + " PUT " + prefix + "w/a",
              r4 + " DELETE " + prefix + "w/b",
              r5 + " PUT " + prefix + "w/a",
              r5 + " PUT " + prefix + "w/c",
              marker + " PUT " + prefix + "w/zz-marker");
      assertThat(events.get(1).prevKv().valueString()).isEqualTo("1");
      assertThat(events.get(3).prevKv().valueString()).isEqualTo("3");
      assertThat(events.get(4).prevKv()).isNull();
    }
    assertThat(r0).isLessThan(r1);
  }

  @Test
  void eventsOfOneRevisionArriveTogetherInKeyOrder() throws Exception {
    RecordingListener listener = new RecordingListener();
    try (Watch w = store.watch(WatchRequest.prefix(key("")), listener)) {
      long rev =
          store
              .txn(
                  Txn.of(
                      Op.put(key("c"), bytes("3")),
                      Op.put(key("a"), bytes("1")),
                      Op.put(key("b"), bytes("2"))))
              .revision();
      listener.awaitEvents(3, TIMEOUT);
      List<WatchEvent> call =
          listener.calls().stream()
              .filter(c -> c.stream().anyMatch(e -> e.revision() == rev))
              .findFirst()
              .orElseThrow();
      assertThat(call.stream().filter(e -> e.revision() == rev))
          .extracting(e -> e.kv().keyString())
          .containsExactly(prefix + "a", prefix + "b", prefix + "c");
    }
  }

  @Test
  void watchCanBeResumedFromTheRevisionAfterTheLastSeen() throws Exception {
    RecordingListener first = new RecordingListener();
    long r1;
    try (Watch w = store.watch(WatchRequest.prefix(key("")), first)) {
      r1 = store.put(key("a"), bytes("1"));
      first.awaitEvents(1, TIMEOUT);
    }
    long r2 = store.put(key("a"), bytes("2"));
    long r3 = store.put(key("b"), bytes("3"));
    RecordingListener resumed = new RecordingListener();
    try (Watch w = store.watch(WatchRequest.prefix(key("")).fromRevision(r1 + 1), resumed)) {
      assertThat(resumed.awaitEvents(2, TIMEOUT))
          .extracting(WatchEvent::revision)
          .containsExactly(r2, r3);
    }
  }

  @Test
  void closingAWatchCompletesItNormallyAndStopsDelivery() throws Exception {
    RecordingListener listener = new RecordingListener();
    Watch w = store.watch(WatchRequest.prefix(key("")), listener);
    store.put(key("a"), bytes("1"));
    listener.awaitEvents(1, TIMEOUT);
    w.close();
    assertThat(terminationCause(w)).isNull();
    store.put(key("a"), bytes("2"));
    // A second watch sees the write: when it has, the closed one would have too.
    RecordingListener other = new RecordingListener();
    try (Watch w2 =
        store.watch(WatchRequest.prefix(key("")).fromRevision(store.currentRevision()), other)) {
      other.awaitEvents(1, TIMEOUT);
    }
    assertThat(listener.events()).hasSize(1);
  }

  @Test
  void listenerThatThrowsEndsItsWatchWithThatError() throws Exception {
    IllegalStateException boom = new IllegalStateException("listener failed");
    Watch w =
        store.watch(
            WatchRequest.prefix(key("")),
            events -> {
              throw boom;
            });
    store.put(key("a"), bytes("1"));
    assertThat(terminationCause(w)).isSameAs(boom);
  }

  @Test
  void slowListenerOverflowsItsBoundedBufferWithoutBlockingWriters() throws Exception {
    Store s = newStoreWith(b -> b.watchBufferEvents(16));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    Watch w =
        s.watch(
            WatchRequest.prefix(key("")),
            events -> {
              entered.countDown();
              release.await();
            });
    try {
      s.put(key("first"), bytes("x"));
      assertThat(entered.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      for (int i = 0; i < 200; i++) {
        s.put(key("k" + i), bytes("v")); // completes although the listener is stuck
      }
      CompletableFuture<Void> done = w.terminated().toCompletableFuture();
      release.countDown();
      assertThatThrownBy(() -> done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(WatchOverflowException.class);
    } finally {
      release.countDown();
      w.close();
    }
  }

  @Test
  void watchSeesEveryRevisionOfConcurrentWritersExactlyOnceInOrder() throws Exception {
    RecordingListener listener = new RecordingListener();
    int threads = 4;
    int writesPerThread = 50;
    List<Long> acknowledged = new CopyOnWriteArrayList<>();
    try (Watch w = store.watch(WatchRequest.prefix(key("")), listener)) {
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        writers.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = 0; i < writesPerThread; i++) {
                        acknowledged.add(store.put(key("w" + id + "/" + i), bytes("v")));
                      }
                    }));
      }
      for (Thread t : writers) {
        t.join(TIMEOUT.toMillis());
      }
      long marker = store.put(key("zz-marker"), bytes("end"));
      List<WatchEvent> events = listener.awaitEvents(threads * writesPerThread + 1, TIMEOUT);
      List<Long> expected = new ArrayList<>(acknowledged);
      expected.sort(null);
      expected.add(marker);
      assertThat(events).extracting(WatchEvent::revision).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void watchOfASingleKeyIgnoresOtherKeys() throws Exception {
    RecordingListener listener = new RecordingListener();
    try (Watch w = store.watch(WatchRequest.key(key("one")), listener)) {
      store.put(key("one-more"), bytes("x"));
      long r = store.put(key("one"), bytes("y"));
      assertThat(listener.awaitEvents(1, TIMEOUT))
          .extracting(WatchEvent::revision)
          .containsExactly(r);
    }
  }

  // ---------------------------------------------------------------- compaction

  @Test
  void readsBelowTheCompactedRevisionFailWithTheTypedError() {
    long r1 = store.put(key("a"), bytes("1"));
    long r2 = store.put(key("a"), bytes("2"));
    long r3 = store.put(key("b"), bytes("3"));
    store.compact(r2);
    assertThatThrownBy(() -> store.get(key("a"), r1))
        .isInstanceOfSatisfying(
            CompactedException.class,
            e -> {
              assertThat(e.compactedRevision()).isEqualTo(r2);
              assertThat(e.currentRevision()).isGreaterThanOrEqualTo(r3);
              assertThat(e.requestedRevision()).isEqualTo(r1);
            });
    assertThat(store.get(key("a"), r2).orElseThrow().valueString()).isEqualTo("2");
    assertThat(store.get(key("b"), r2)).isEmpty();
    assertThat(store.get(key("b")).orElseThrow().valueString()).isEqualTo("3");
  }

  @Test
  void compactionKeepsTheLatestVersionOfUnchangedKeys() {
    long r1 = store.put(key("old"), bytes("kept"));
    store.put(key("other"), bytes("x"));
    long r3 = store.put(key("other"), bytes("y"));
    store.compact(r3);
    KeyValue kv = store.get(key("old")).orElseThrow();
    assertThat(kv.modRevision()).isEqualTo(r1);
    assertThat(kv.valueString()).isEqualTo("kept");
    assertThat(store.get(key("old"), r3).orElseThrow().modRevision()).isEqualTo(r1);
  }

  @Test
  void compactingTwiceOrIntoTheFutureIsRejected() {
    long r1 = store.put(key("a"), bytes("1"));
    store.put(key("a"), bytes("2"));
    store.compact(r1);
    assertThatThrownBy(() -> store.compact(r1)).isInstanceOf(CompactedException.class);
    long current = store.currentRevision();
    assertThatThrownBy(() -> store.compact(current + 100))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void watchFromACompactedRevisionEndsWithTheTypedError() throws Exception {
    long r1 = store.put(key("a"), bytes("1"));
    long r2 = store.put(key("a"), bytes("2"));
    store.compact(r2);
    RecordingListener listener = new RecordingListener();
    Watch w = store.watch(WatchRequest.prefix(key("")).fromRevision(r1), listener);
    Throwable cause = terminationCause(w);
    assertThat(cause)
        .isInstanceOfSatisfying(
            CompactedException.class, e -> assertThat(e.compactedRevision()).isEqualTo(r2));
    assertThat(listener.events()).isEmpty();
  }

  @Test
  void paginationFailsTypedWhenItsRevisionIsCompactedMidway() {
    for (int i = 0; i < 10; i++) {
      store.put(key("p" + i), bytes("v"));
    }
    RangeResult page = store.range(RangeRequest.prefix(key("")).withLimit(3));
    store.put(key("p0"), bytes("changed"));
    store.compact(store.currentRevision());
    RangeRequest next =
        RangeRequest.prefix(key(""))
            .withLimit(3)
            .atRevision(page.revision())
            .startAfter(page.kvs().get(2).key());
    assertThatThrownBy(() -> store.range(next)).isInstanceOf(CompactedException.class);
  }

  // ---------------------------------------------------------------- shutdown

  @Test
  void closingTheStoreEndsWatchesAndFailsLaterCalls() throws Exception {
    Store s = newStore();
    Watch w = s.watch(WatchRequest.prefix(key("")), new RecordingListener());
    s.close();
    assertThat(terminationCause(w)).isInstanceOf(UnavailableException.class);
    assertThatThrownBy(() -> s.get(key("a"))).isInstanceOf(UnavailableException.class);
    assertThatThrownBy(() -> s.put(key("a"), bytes("x"))).isInstanceOf(UnavailableException.class);
    s.close(); // idempotent
  }
}
