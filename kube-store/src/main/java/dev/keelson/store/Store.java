package dev.keelson.store;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A revisioned, ordered key-value store with watch, modelled on etcd's v3 API.
 *
 * <p><b>Revisions.</b> The store has one global revision. Every transaction that changes at least
 * one key creates exactly one new revision, one greater than the previous; every key-value it
 * writes carries that revision as its mod revision. Every write operation returns the revision it
 * created.
 *
 * <p><b>Ordering and consistency.</b> Keys are ordered lexicographically as unsigned bytes. Reads
 * are linearizable: a read sees every write acknowledged before the read started. A range is read
 * at one revision, so pages fetched at the same revision form one consistent snapshot.
 *
 * <p><b>Core operations</b> are {@link #range}, {@link #txn}, {@link #watch}, {@link #compact} and
 * {@link #currentRevision}; the conveniences ({@link #get}, {@link #create}, {@link #update},
 * {@link #delete}) are one-op transactions or ranges, so backends implement only the core.
 *
 * <p><b>Failures</b> are {@link StoreException}s: {@link KeyNotFoundException}, {@link
 * KeyExistsException}, {@link ConflictException}, {@link CompactedException}, {@link
 * UnavailableException}, {@link RequestTooLargeException}. A failed write has written nothing.
 *
 * <p><b>Threading and shutdown.</b> Implementations are thread-safe. {@link #close()} ends every
 * watch (with {@link UnavailableException}) and makes later calls fail with {@link
 * UnavailableException}; it is idempotent.
 */
public interface Store extends AutoCloseable {

  /** The revision of the last committed write (for a fresh embedded store, 0). */
  long currentRevision();

  /**
   * Reads a key or range at one revision.
   *
   * @throws CompactedException if {@code request.revision()} is below the compacted revision
   * @throws IllegalArgumentException if {@code request.revision()} is above the current revision
   */
  RangeResult range(RangeRequest request);

  /**
   * Runs a transaction atomically.
   *
   * @throws RequestTooLargeException if the keys and values exceed the request limit
   * @throws IllegalArgumentException if a branch writes one key twice
   */
  TxnResult txn(Txn txn);

  /**
   * Starts a watch. Events for revisions from {@code request.startRevision()} on that touch the
   * watched keys are delivered to {@code listener} as described in {@link WatchListener}; a start
   * revision in the past first replays the missed events, exactly and in order. Failures (such as a
   * compacted start revision) are reported through {@link Watch#terminated()}, never thrown.
   */
  Watch watch(WatchRequest request, WatchListener listener);

  /**
   * Drops history below {@code revision}: afterwards reads at and watches from revisions below it
   * fail with {@link CompactedException}; the latest version of every key is kept.
   *
   * @throws CompactedException if {@code revision} is not above the already compacted revision
   * @throws IllegalArgumentException if {@code revision} is above the current revision
   */
  void compact(long revision);

  /**
   * Ends all watches and releases resources; later calls fail with {@link UnavailableException}.
   */
  @Override
  void close();

  // ---- conveniences, all defined in terms of the core operations ----

  /** The latest version of {@code key}, if it exists. */
  default Optional<KeyValue> get(byte[] key) {
    return range(RangeRequest.key(key)).first();
  }

  /** The version of {@code key} visible at {@code revision}, if it existed then. */
  default Optional<KeyValue> get(byte[] key, long revision) {
    return range(RangeRequest.key(key).atRevision(revision)).first();
  }

  /** The number of keys starting with {@code prefix}. */
  default long count(byte[] prefix) {
    return range(RangeRequest.prefix(prefix).countingOnly()).count();
  }

  /**
   * Creates {@code key} if it does not exist.
   *
   * @return the revision created
   * @throws KeyExistsException if the key exists
   */
  default long create(byte[] key, byte[] value) {
    TxnResult r = txn(Txn.when(Compare.absent(key)).then(Op.put(key, value)).orElse(Op.get(key)));
    if (!r.succeeded()) {
      throw new KeyExistsException(key, modRevisionOf(r));
    }
    return r.revision();
  }

  /**
   * Replaces {@code key}'s value if its mod revision is still {@code expectedModRevision}.
   *
   * @return the revision created
   * @throws KeyNotFoundException if the key does not exist
   * @throws ConflictException if the key's mod revision differs
   */
  default long update(byte[] key, byte[] value, long expectedModRevision) {
    TxnResult r =
        txn(
            Txn.when(Compare.modRevisionEquals(key, expectedModRevision))
                .then(Op.put(key, value))
                .orElse(Op.get(key)));
    if (!r.succeeded()) {
      throw conditionFailed(key, expectedModRevision, r);
    }
    return r.revision();
  }

  /**
   * Deletes {@code key} if its mod revision is still {@code expectedModRevision}.
   *
   * @return the revision created
   * @throws KeyNotFoundException if the key does not exist
   * @throws ConflictException if the key's mod revision differs
   */
  default long delete(byte[] key, long expectedModRevision) {
    TxnResult r =
        txn(
            Txn.when(Compare.modRevisionEquals(key, expectedModRevision))
                .then(Op.delete(key))
                .orElse(Op.get(key)));
    if (!r.succeeded()) {
      throw conditionFailed(key, expectedModRevision, r);
    }
    return r.revision();
  }

  /** Sets {@code key} unconditionally; returns the revision created. */
  default long put(byte[] key, byte[] value) {
    return txn(Txn.of(Op.put(key, value))).revision();
  }

  // ---- asynchronous writes: the same operations, acknowledged through a future ----

  /**
   * {@link #txn} without waiting: the future completes with the result once the transaction is
   * committed (for a persistent backend: once its log record is on disk), or exceptionally with
   * what {@link #txn} would throw. A caller may keep several writes in flight, so that a backend
   * can commit them together (the {@code file:} backend shares one fsync among all writes queued
   * behind it). Writes issued by one thread are applied in issue order.
   *
   * <p>The default runs {@link #txn} on the calling thread and returns a completed future; backends
   * that can overlap writes override it. A backend may block the caller while its bounded request
   * queue is full. Dependent actions may run on a store thread: they must not block (use the {@code
   * ...Async} methods of {@link CompletableFuture} for blocking work).
   */
  default CompletableFuture<TxnResult> txnAsync(Txn txn) {
    return Async.call(() -> txn(txn));
  }

  /** {@link #create} without waiting; see {@link #txnAsync} for completion and threading. */
  default CompletableFuture<Long> createAsync(byte[] key, byte[] value) {
    return Async.call(() -> create(key, value));
  }

  /** {@link #update} without waiting; see {@link #txnAsync} for completion and threading. */
  default CompletableFuture<Long> updateAsync(byte[] key, byte[] value, long expectedModRevision) {
    return Async.call(() -> update(key, value, expectedModRevision));
  }

  /** {@link #delete} without waiting; see {@link #txnAsync} for completion and threading. */
  default CompletableFuture<Long> deleteAsync(byte[] key, long expectedModRevision) {
    return Async.call(() -> delete(key, expectedModRevision));
  }

  /** {@link #put} without waiting; see {@link #txnAsync} for completion and threading. */
  default CompletableFuture<Long> putAsync(byte[] key, byte[] value) {
    return Async.call(() -> put(key, value));
  }

  private static long modRevisionOf(TxnResult r) {
    return r.results().isEmpty()
        ? 0
        : ((OpResult.GetResult) r.results().get(0)).kv().map(KeyValue::modRevision).orElse(0L);
  }

  private static StoreException conditionFailed(byte[] key, long expected, TxnResult r) {
    long actual = modRevisionOf(r);
    return actual == 0
        ? new KeyNotFoundException(key)
        : new ConflictException(key, expected, actual);
  }
}
