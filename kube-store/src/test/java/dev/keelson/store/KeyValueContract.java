package dev.keelson.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The key-value half of the store contract: revisions, conditional writes, ranges and pagination,
 * contention, transactions and limits. Backends extend {@link StoreContractTest}.
 */
public abstract class KeyValueContract extends StoreContractSupport {
  // ---------------------------------------------------------------- revisions and basic writes

  @Test
  void everyWriteCreatesExactlyOneNewRevisionAndReturnsIt() {
    long start = store.currentRevision();
    long r1 = store.create(key("a"), bytes("1"));
    long r2 = store.put(key("b"), bytes("2"));
    long r3 = store.update(key("a"), bytes("3"), r1);
    long r4 = store.delete(key("b"), r2);
    assertThat(List.of(r1, r2, r3, r4)).containsExactly(start + 1, start + 2, start + 3, start + 4);
    assertThat(store.currentRevision()).isEqualTo(start + 4);
  }

  @Test
  void createdKeyCarriesCreateRevisionModRevisionAndVersion() {
    long r1 = store.create(key("a"), bytes("v1"));
    KeyValue kv = store.get(key("a")).orElseThrow();
    assertThat(kv.key()).isEqualTo(key("a"));
    assertThat(kv.valueString()).isEqualTo("v1");
    assertThat(kv.createRevision()).isEqualTo(r1);
    assertThat(kv.modRevision()).isEqualTo(r1);
    assertThat(kv.version()).isEqualTo(1);

    long r2 = store.update(key("a"), bytes("v2"), r1);
    KeyValue updated = store.get(key("a")).orElseThrow();
    assertThat(updated.createRevision()).isEqualTo(r1);
    assertThat(updated.modRevision()).isEqualTo(r2);
    assertThat(updated.version()).isEqualTo(2);
  }

  @Test
  void creatingAnExistingKeyFailsWithKeyExistsAndWritesNothing() {
    long r1 = store.create(key("a"), bytes("v1"));
    assertThatThrownBy(() -> store.create(key("a"), bytes("v2")))
        .isInstanceOfSatisfying(
            KeyExistsException.class, e -> assertThat(e.modRevision()).isEqualTo(r1));
    assertThat(store.currentRevision()).isEqualTo(r1);
    assertThat(store.get(key("a")).orElseThrow().valueString()).isEqualTo("v1");
  }

  @Test
  void updateWithStaleModRevisionFailsWithConflictCarryingTheActualRevision() {
    long r1 = store.create(key("a"), bytes("v1"));
    long r2 = store.update(key("a"), bytes("v2"), r1);
    assertThatThrownBy(() -> store.update(key("a"), bytes("v3"), r1))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.actualModRevision()).isEqualTo(r2);
              assertThat(e.expectedModRevision()).isEqualTo(r1);
            });
    assertThat(store.currentRevision()).isEqualTo(r2);
    assertThat(store.get(key("a")).orElseThrow().valueString()).isEqualTo("v2");
  }

  @Test
  void updatingOrDeletingAMissingKeyFailsWithKeyNotFound() {
    long before = store.currentRevision();
    assertThatThrownBy(() -> store.update(key("missing"), bytes("v"), 5))
        .isInstanceOf(KeyNotFoundException.class);
    assertThatThrownBy(() -> store.delete(key("missing"), 5))
        .isInstanceOf(KeyNotFoundException.class);
    assertThat(store.currentRevision()).isEqualTo(before);
  }

  @Test
  void deleteWithMatchingModRevisionRemovesTheKeyAndStaleDeleteConflicts() {
    long r1 = store.create(key("a"), bytes("v1"));
    long r2 = store.update(key("a"), bytes("v2"), r1);
    assertThatThrownBy(() -> store.delete(key("a"), r1))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.actualModRevision()).isEqualTo(r2));
    long r3 = store.delete(key("a"), r2);
    assertThat(r3).isEqualTo(r2 + 1);
    assertThat(store.get(key("a"))).isEmpty();
  }

  @Test
  void recreatedKeyStartsANewLifeWithVersionOne() {
    long r1 = store.create(key("a"), bytes("v1"));
    store.delete(key("a"), r1);
    long r3 = store.create(key("a"), bytes("again"));
    KeyValue kv = store.get(key("a")).orElseThrow();
    assertThat(kv.createRevision()).isEqualTo(r3);
    assertThat(kv.version()).isEqualTo(1);
  }

  @Test
  void getAtAPastRevisionSeesTheValueOfThatTime() {
    long r1 = store.create(key("a"), bytes("v1"));
    long r2 = store.update(key("a"), bytes("v2"), r1);
    long r3 = store.delete(key("a"), r2);
    assertThat(store.get(key("a"), r1).orElseThrow().valueString()).isEqualTo("v1");
    assertThat(store.get(key("a"), r2).orElseThrow().valueString()).isEqualTo("v2");
    assertThat(store.get(key("a"), r3)).isEmpty();
    assertThat(store.get(key("a"), r1 - 1)).isEmpty();
  }

  @Test
  void readingAtAFutureRevisionIsRejected() {
    long current = store.currentRevision();
    assertThatThrownBy(() -> store.get(key("a"), current + 1000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void returnedArraysAreCopiesThatCannotChangeTheStore() {
    byte[] value = bytes("original");
    store.create(key("a"), value);
    value[0] = 'X';
    KeyValue kv = store.get(key("a")).orElseThrow();
    kv.value()[0] = 'Y';
    assertThat(store.get(key("a")).orElseThrow().valueString()).isEqualTo("original");
  }

  // ---------------------------------------------------------------- ordering, ranges, counts

  @Test
  void rangeReturnsKeysInUnsignedByteOrder() {
    byte[][] suffixes = {{(byte) 0xff}, {(byte) 0x80}, {0x7f}, {0x01}, {'a'}, {'a', 0}, {'B'}};
    for (byte[] s : suffixes) {
      store.put(concat(key(""), s), bytes("x"));
    }
    List<byte[]> keys =
        store.range(RangeRequest.prefix(key(""))).kvs().stream().map(KeyValue::key).toList();
    List<byte[]> expected = new ArrayList<>();
    for (byte[] s : suffixes) {
      expected.add(concat(key(""), s));
    }
    expected.sort(Arrays::compareUnsigned);
    assertThat(keys).hasSize(expected.size());
    for (int i = 0; i < keys.size(); i++) {
      assertThat(keys.get(i)).as("key %d", i).isEqualTo(expected.get(i));
    }
  }

  @Test
  void prefixRangeExcludesSiblingsThatOnlyShareTheStringStart() {
    store.put(key("pods/default/a"), bytes("1"));
    store.put(key("pods/default/b"), bytes("2"));
    store.put(key("pods/default0"), bytes("sibling"));
    store.put(key("pods/defaul"), bytes("shorter"));
    RangeResult r = store.range(RangeRequest.prefix(key("pods/default/")));
    assertThat(r.kvs())
        .extracting(KeyValue::keyString)
        .containsExactly(prefix + "pods/default/a", prefix + "pods/default/b");
    assertThat(r.count()).isEqualTo(2);
    assertThat(r.more()).isFalse();
    assertThat(r.revision()).isEqualTo(store.currentRevision());
  }

  @Test
  void countCountsKeysUnderAPrefixWithoutReturningThem() {
    for (int i = 0; i < 25; i++) {
      store.put(key("c/" + i), bytes("v"));
    }
    store.delete(key("c/3"), store.get(key("c/3")).orElseThrow().modRevision());
    assertThat(store.count(key("c/"))).isEqualTo(24);
    RangeResult r = store.range(RangeRequest.prefix(key("c/")).countingOnly());
    assertThat(r.kvs()).isEmpty();
    assertThat(r.count()).isEqualTo(24);
  }

  @Test
  void limitedRangeReportsMoreAndTheTotalCount() {
    for (int i = 0; i < 10; i++) {
      store.put(key(String.format("k%02d", i)), bytes("v" + i));
    }
    RangeResult page = store.range(RangeRequest.prefix(key("")).withLimit(4));
    assertThat(page.kvs()).hasSize(4);
    assertThat(page.more()).isTrue();
    assertThat(page.count()).isEqualTo(10);
    RangeResult last =
        store.range(
            RangeRequest.prefix(key(""))
                .withLimit(4)
                .startingAt(key("k08"))
                .atRevision(page.revision()));
    assertThat(last.kvs())
        .extracting(KeyValue::keyString)
        .containsExactly(prefix + "k08", prefix + "k09");
    assertThat(last.more()).isFalse();
  }

  @Test
  void everyPageCountsTheRestOfTheRangeAtThePagesRevisionWhileWritesContinue() {
    TreeMap<String, String> atRead = new TreeMap<>();
    for (int i = 0; i < 23; i++) {
      String k = prefix + String.format("q/%02d", i);
      store.put(bytes(k), bytes("v"));
      atRead.put(k, "v");
    }
    RangeRequest first = RangeRequest.prefix(key("q/")).withLimit(5);
    RangeResult page = store.range(first);
    long readRevision = page.revision();
    List<String> listed = new ArrayList<>();
    int pages = 0;
    while (true) {
      pages++;
      List<String> keys = page.kvs().stream().map(KeyValue::keyString).toList();
      String from = keys.isEmpty() ? null : keys.get(0);
      assertThat(page.count())
          .as("count of page %d (from %s)", pages, from)
          .isEqualTo(from == null ? 0 : atRead.tailMap(from, true).size());
      assertThat(page.more()).isEqualTo(page.count() > keys.size());
      listed.addAll(keys);
      // Writes after the read revision (deletes, creates, updates) change nothing a page sees.
      byte[] victim = key(String.format("q/%02d", 23 - pages));
      store.delete(victim, store.get(victim).orElseThrow().modRevision());
      store.put(key("q/" + pages + "-new"), bytes("late"));
      if (!page.more()) {
        break;
      }
      byte[] last = page.kvs().get(page.kvs().size() - 1).key();
      page = store.range(first.atRevision(readRevision).startAfter(last));
      RangeResult counted =
          store.range(first.atRevision(readRevision).startAfter(last).withLimit(0).countingOnly());
      assertThat(page.count()).isEqualTo(counted.count());
    }
    assertThat(listed).containsExactlyElementsOf(atRead.keySet());
    assertThat(pages).isEqualTo(5);
  }

  // ---------------------------------------------------------------- asynchronous writes

  @Test
  void asynchronousWritesCompleteWithTheirRevisionsInIssueOrder() throws Exception {
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      futures.add(store.putAsync(key(String.format("a/%02d", i)), bytes("v" + i)));
    }
    long previous = 0;
    for (int i = 0; i < futures.size(); i++) {
      long rev = futures.get(i).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(rev).as("revision of write %d", i).isGreaterThan(previous);
      previous = rev;
      KeyValue kv = store.get(key(String.format("a/%02d", i))).orElseThrow();
      assertThat(kv.modRevision()).isEqualTo(rev);
      assertThat(kv.valueString()).isEqualTo("v" + i);
    }
    long created = store.createAsync(key("b"), bytes("1")).get();
    long updated = store.updateAsync(key("b"), bytes("2"), created).get();
    assertThat(store.get(key("b")).orElseThrow().valueString()).isEqualTo("2");
    long deleted = store.deleteAsync(key("b"), updated).get();
    assertThat(deleted).isGreaterThan(updated);
    assertThat(store.get(key("b"))).isEmpty();
    TxnResult t =
        store
            .txnAsync(
                Txn.when(Compare.absent(key("c"))).then(Op.put(key("c"), bytes("x"))).orElse())
            .get();
    assertThat(t.succeeded()).isTrue();
    assertThat(store.get(key("c")).orElseThrow().modRevision()).isEqualTo(t.revision());
  }

  @Test
  void asynchronousWritesReportFailuresThroughTheirFutures() throws Exception {
    long rev = store.create(key("k"), bytes("1"));
    assertThat(causeOf(store.createAsync(key("k"), bytes("2"))))
        .isInstanceOf(KeyExistsException.class);
    assertThat(causeOf(store.updateAsync(key("k"), bytes("2"), rev + 100)))
        .isInstanceOf(ConflictException.class);
    assertThat(causeOf(store.updateAsync(key("absent"), bytes("2"), 1)))
        .isInstanceOf(KeyNotFoundException.class);
    assertThat(causeOf(store.deleteAsync(key("absent"), 1)))
        .isInstanceOf(KeyNotFoundException.class);
    assertThat(causeOf(store.putAsync(new byte[0], bytes("x"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.get(key("k")).orElseThrow().modRevision())
        .as("failed writes wrote nothing")
        .isEqualTo(rev);
  }

  private static Throwable causeOf(CompletableFuture<?> future) throws Exception {
    try {
      future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void paginationAtOneRevisionSeesOneSnapshotWhileWritesContinue() throws Exception {
    int initial = 60;
    Map<String, String> state = new TreeMap<>();
    for (int i = 0; i < initial; i++) {
      String k = prefix + String.format("p/%03d", i);
      store.put(bytes(k), bytes("v0"));
      state.put(k, "v0");
    }
    // A concurrent writer logs every acknowledged write with its revision.
    List<long[]> writeLog = new CopyOnWriteArrayList<>(); // {revision, index, kind}
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong writes = new AtomicLong();
    Thread writer =
        Thread.ofVirtual()
            .start(
                () -> {
                  int i = 0;
                  while (!stop.get()) {
                    int idx = (i * 7) % (initial + 20);
                    byte[] k = bytes(prefix + String.format("p/%03d", idx));
                    var current = store.get(k);
                    long rev;
                    int kind;
                    if (current.isPresent() && i % 3 == 0) {
                      rev = store.delete(k, current.get().modRevision());
                      kind = 0;
                    } else {
                      rev = store.put(k, bytes("w" + i));
                      kind = 1;
                    }
                    writeLog.add(new long[] {rev, idx, kind, i});
                    writes.incrementAndGet();
                    i++;
                  }
                });
    List<KeyValue> collected = new ArrayList<>();
    long readRevision;
    try {
      await("writer started", () -> writes.get() > 0);
      RangeRequest first = RangeRequest.prefix(key("p/")).withLimit(7);
      RangeResult page = store.range(first);
      readRevision = page.revision();
      collected.addAll(page.kvs());
      while (page.more()) {
        long seen = writes.get();
        await("a write between pages", () -> writes.get() > seen);
        byte[] last = page.kvs().get(page.kvs().size() - 1).key();
        page = store.range(first.atRevision(readRevision).startAfter(last));
        assertThat(page.revision()).isEqualTo(readRevision);
        collected.addAll(page.kvs());
      }
    } finally {
      stop.set(true);
      writer.join();
    }
    assertThat(store.currentRevision()).isGreaterThan(readRevision);
    for (long[] w : writeLog) {
      if (w[0] <= readRevision) {
        String k = prefix + String.format("p/%03d", (int) w[1]);
        if (w[2] == 0) {
          state.remove(k);
        } else {
          state.put(k, "w" + w[3]);
        }
      }
    }
    Map<String, String> got = new TreeMap<>();
    for (KeyValue kv : collected) {
      assertThat(kv.modRevision()).isLessThanOrEqualTo(readRevision);
      got.put(kv.keyString(), kv.valueString());
    }
    assertThat(collected).extracting(KeyValue::keyString).doesNotHaveDuplicates().isSorted();
    assertThat(got).isEqualTo(state);
  }

  // ---------------------------------------------------------------- contention

  @Test
  void racingConditionalUpdatesHaveExactlyOneWinnerPerRevision() throws Exception {
    byte[] k = key("contended");
    long created = store.create(k, bytes("0"));
    int threads = 8;
    int attemptsPerThread = 40;
    List<long[]> wins = new CopyOnWriteArrayList<>(); // {expected, created}
    AtomicLong conflicts = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> racers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      racers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      start.await();
                      for (int a = 0; a < attemptsPerThread; a++) {
                        long expected = store.get(k).orElseThrow().modRevision();
                        try {
                          long rev = store.update(k, bytes(id + ":" + a), expected);
                          wins.add(new long[] {expected, rev});
                        } catch (ConflictException e) {
                          assertThat(e.actualModRevision()).isGreaterThan(expected);
                          conflicts.incrementAndGet();
                        }
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
    }
    start.countDown();
    for (Thread t : racers) {
      t.join(TIMEOUT.toMillis());
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(wins.size() + conflicts.get()).isEqualTo((long) threads * attemptsPerThread);
    List<long[]> sorted = new ArrayList<>(wins);
    sorted.sort((a, b) -> Long.compare(a[1], b[1]));
    Set<Long> expectedSeen = new HashSet<>();
    long previous = created;
    for (long[] w : sorted) {
      assertThat(expectedSeen.add(w[0])).as("two winners from revision %d", w[0]).isTrue();
      assertThat(w[0]).as("each win builds on the previous win").isEqualTo(previous);
      previous = w[1];
    }
    KeyValue last = store.get(k).orElseThrow();
    assertThat(last.version()).isEqualTo(1 + wins.size());
    assertThat(last.modRevision()).isEqualTo(previous);
  }

  @Test
  void racingCreatesOfOneKeyHaveExactlyOneWinner() throws Exception {
    byte[] k = key("create-race");
    int threads = 8;
    AtomicLong winners = new AtomicLong();
    AtomicLong losers = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> racers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      racers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      start.await();
                      store.create(k, bytes("x"));
                      winners.incrementAndGet();
                    } catch (KeyExistsException e) {
                      losers.incrementAndGet();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
    }
    start.countDown();
    for (Thread t : racers) {
      t.join(TIMEOUT.toMillis());
    }
    assertThat(winners.get()).isEqualTo(1);
    assertThat(losers.get()).isEqualTo(threads - 1);
  }

  // ---------------------------------------------------------------- transactions

  @Test
  void transactionWritesAllKeysAtOneRevision() {
    long start = store.currentRevision();
    TxnResult r =
        store.txn(
            Txn.when(Compare.absent(key("x")))
                .then(
                    Op.put(key("x"), bytes("1")), Op.put(key("y"), bytes("2")), Op.get(key("x"))));
    assertThat(r.succeeded()).isTrue();
    assertThat(r.revision()).isEqualTo(start + 1);
    assertThat(store.get(key("x")).orElseThrow().modRevision()).isEqualTo(start + 1);
    assertThat(store.get(key("y")).orElseThrow().modRevision()).isEqualTo(start + 1);
    assertThat(r.results()).hasSize(3);
    assertThat(((OpResult.GetResult) r.results().get(2)).kv().orElseThrow().valueString())
        .as("a read in a transaction sees its earlier writes, as in etcd")
        .isEqualTo("1");
  }

  @Test
  void failedCompareRunsTheElseBranchAndWritesNothingElse() {
    long r1 = store.put(key("x"), bytes("1"));
    TxnResult r =
        store.txn(
            Txn.when(Compare.modRevisionEquals(key("x"), r1 + 100), Compare.exists(key("x")))
                .then(Op.put(key("x"), bytes("2")), Op.put(key("y"), bytes("2")))
                .orElse(Op.get(key("x"))));
    assertThat(r.succeeded()).isFalse();
    assertThat(r.revision()).isEqualTo(r1);
    assertThat(((OpResult.GetResult) r.results().get(0)).kv().orElseThrow().valueString())
        .isEqualTo("1");
    assertThat(store.get(key("y"))).isEmpty();
    assertThat(store.currentRevision()).isEqualTo(r1);
  }

  @Test
  void comparesOnValueVersionAndCreateRevision() {
    long r1 = store.put(key("x"), bytes("hello"));
    assertThat(store.txn(Txn.when(Compare.valueEquals(key("x"), bytes("hello")))).succeeded())
        .isTrue();
    assertThat(store.txn(Txn.when(Compare.valueEquals(key("x"), bytes("bye")))).succeeded())
        .isFalse();
    assertThat(store.txn(Txn.when(Compare.valueEquals(key("nope"), bytes("")))).succeeded())
        .as("a value compare on a missing key is false")
        .isFalse();
    assertThat(store.txn(Txn.when(Compare.versionEquals(key("x"), 1))).succeeded()).isTrue();
    assertThat(
            store
                .txn(
                    Txn.when(
                        new Compare(
                            key("x"),
                            Compare.Target.CREATE_REVISION,
                            Compare.Operator.LESS,
                            r1 + 1,
                            null)))
                .succeeded())
        .isTrue();
    assertThat(store.currentRevision()).as("reads create no revision").isEqualTo(r1);
  }

  @Test
  void transactionWithDeletesAndPutsReportsPreviousValues() {
    long r1 = store.put(key("x"), bytes("old-x"));
    TxnResult r =
        store.txn(
            Txn.of(
                Op.delete(key("x")), Op.put(key("y"), bytes("new-y")), Op.delete(key("absent"))));
    assertThat(r.revision()).isEqualTo(r1 + 1);
    OpResult.DeleteResult del = (OpResult.DeleteResult) r.results().get(0);
    assertThat(del.deleted()).isTrue();
    assertThat(del.previous().orElseThrow().valueString()).isEqualTo("old-x");
    assertThat(((OpResult.PutResult) r.results().get(1)).previous()).isEmpty();
    assertThat(((OpResult.DeleteResult) r.results().get(2)).deleted()).isFalse();
  }

  @Test
  void transactionThatChangesNothingCreatesNoRevision() {
    long r1 = store.put(key("x"), bytes("1"));
    TxnResult r = store.txn(Txn.of(Op.delete(key("absent")), Op.get(key("x"))));
    assertThat(r.succeeded()).isTrue();
    assertThat(r.revision()).isEqualTo(r1);
    assertThat(store.currentRevision()).isEqualTo(r1);
  }

  @Test
  void transactionWritingOneKeyTwiceIsRejected() {
    long before = store.currentRevision();
    assertThatThrownBy(
            () -> store.txn(Txn.of(Op.put(key("x"), bytes("1")), Op.put(key("x"), bytes("2")))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.currentRevision()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- limits

  @Test
  void valueBeyondTheDefaultLimitIsRejectedWithoutWriting() {
    long before = store.currentRevision();
    byte[] big = new byte[(int) StoreConfig.DEFAULT_MAX_REQUEST_BYTES + 1];
    assertThatThrownBy(() -> store.put(key("big"), big))
        .isInstanceOfSatisfying(
            RequestTooLargeException.class,
            e -> assertThat(e.limit()).isEqualTo(StoreConfig.DEFAULT_MAX_REQUEST_BYTES));
    assertThat(store.currentRevision()).isEqualTo(before);
    assertThat(store.get(key("big"))).isEmpty();
  }

  @Test
  void oneMebibyteValueIsAccepted() {
    byte[] value = new byte[1 << 20];
    Arrays.fill(value, (byte) 7);
    store.create(key("mib"), value);
    assertThat(store.get(key("mib")).orElseThrow().value()).isEqualTo(value);
  }

  @Test
  void transactionWhoseOpsTogetherExceedTheLimitWritesNothing() {
    long before = store.currentRevision();
    byte[] half = new byte[900_000];
    assertThatThrownBy(() -> store.txn(Txn.of(Op.put(key("a"), half), Op.put(key("b"), half))))
        .isInstanceOf(RequestTooLargeException.class);
    assertThat(store.currentRevision()).isEqualTo(before);
    assertThat(store.get(key("a"))).isEmpty();
    assertThat(store.get(key("b"))).isEmpty();
  }

  @Test
  void configuredLimitApplies() throws Exception {
    Store small = newStoreWith(b -> b.maxRequestBytes(1000));
    byte[] k = key("k");
    small.put(k, new byte[1000 - k.length]);
    assertThatThrownBy(() -> small.put(k, new byte[1001 - k.length]))
        .isInstanceOfSatisfying(
            RequestTooLargeException.class, e -> assertThat(e.limit()).isEqualTo(1000));
  }
}
