package dev.keelson.store.internal.memory;

import dev.keelson.store.Compare;
import dev.keelson.store.ConflictException;
import dev.keelson.store.KeyExistsException;
import dev.keelson.store.KeyNotFoundException;
import dev.keelson.store.KeyValue;
import dev.keelson.store.Op;
import dev.keelson.store.OpResult;
import dev.keelson.store.RequestTooLargeException;
import dev.keelson.store.StoreException;
import dev.keelson.store.Txn;
import dev.keelson.store.TxnResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The conditional-write conveniences of {@link dev.keelson.store.Store} for the embedded backends:
 * the same one-op transactions as the interface's defaults, run through the same engine path, but
 * without copying results nobody reads and without copying the value twice.
 */
public final class Writes {
  /** Runs a transaction through a backend's write path. */
  @FunctionalInterface
  public interface Path {
    TxnResult write(Txn txn, boolean copyResults);
  }

  /** Runs a transaction through a backend's asynchronous write path. */
  @FunctionalInterface
  public interface AsyncPath {
    CompletableFuture<TxnResult> write(Txn txn, boolean copyResults);
  }

  private Writes() {}

  /** {@link #create} through an asynchronous path. */
  public static CompletableFuture<Long> createAsync(AsyncPath path, byte[] key, byte[] value) {
    return submit(path, () -> createTxn(key, value))
        .thenApply(
            r -> {
              if (!r.succeeded()) {
                throw new KeyExistsException(key, actual(r));
              }
              return r.revision();
            });
  }

  /** {@link #update} through an asynchronous path. */
  public static CompletableFuture<Long> updateAsync(
      AsyncPath path, byte[] key, byte[] value, long expected) {
    return submit(path, () -> updateTxn(key, value, expected))
        .thenApply(r -> check(r, key, expected));
  }

  /** {@link #delete} through an asynchronous path. */
  public static CompletableFuture<Long> deleteAsync(AsyncPath path, byte[] key, long expected) {
    return submit(path, () -> deleteTxn(key, expected)).thenApply(r -> check(r, key, expected));
  }

  /** {@link #put} through an asynchronous path. */
  public static CompletableFuture<Long> putAsync(AsyncPath path, byte[] key, byte[] value) {
    return submit(path, () -> putTxn(key, value)).thenApply(TxnResult::revision);
  }

  /** Builds the transaction and writes it; a request that cannot be built fails the future. */
  private static CompletableFuture<TxnResult> submit(AsyncPath path, Supplier<Txn> txn) {
    Txn t;
    try {
      t = txn.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return path.write(t, false);
  }

  private static Txn createTxn(byte[] key, byte[] value) {
    return new Txn(
        List.of(Compare.absent(key)), List.of(new Op.Put(key, value)), List.of(new Op.Get(key)));
  }

  private static Txn updateTxn(byte[] key, byte[] value, long expected) {
    return new Txn(
        List.of(modRevision(key, expected)),
        List.of(new Op.Put(key, value)),
        List.of(new Op.Get(key)));
  }

  private static Txn deleteTxn(byte[] key, long expected) {
    return new Txn(
        List.of(modRevision(key, expected)), List.of(new Op.Delete(key)), List.of(new Op.Get(key)));
  }

  private static Txn putTxn(byte[] key, byte[] value) {
    return new Txn(List.of(), List.of(new Op.Put(key, value)), List.of());
  }

  public static long create(Path path, byte[] key, byte[] value) {
    TxnResult r =
        path.write(
            new Txn(
                List.of(Compare.absent(key)),
                List.of(new Op.Put(key, value)),
                List.of(new Op.Get(key))),
            false);
    if (!r.succeeded()) {
      throw new KeyExistsException(key, actual(r));
    }
    return r.revision();
  }

  public static long update(Path path, byte[] key, byte[] value, long expected) {
    TxnResult r =
        path.write(
            new Txn(
                List.of(modRevision(key, expected)),
                List.of(new Op.Put(key, value)),
                List.of(new Op.Get(key))),
            false);
    return check(r, key, expected);
  }

  public static long delete(Path path, byte[] key, long expected) {
    TxnResult r =
        path.write(
            new Txn(
                List.of(modRevision(key, expected)),
                List.of(new Op.Delete(key)),
                List.of(new Op.Get(key))),
            false);
    return check(r, key, expected);
  }

  public static long put(Path path, byte[] key, byte[] value) {
    return path.write(new Txn(List.of(), List.of(new Op.Put(key, value)), List.of()), false)
        .revision();
  }

  private static Compare modRevision(byte[] key, long expected) {
    return new Compare(key, Compare.Target.MOD_REVISION, Compare.Operator.EQUAL, expected, null);
  }

  private static long check(TxnResult r, byte[] key, long expected) {
    if (r.succeeded()) {
      return r.revision();
    }
    throw updateFailed(key, expected, actual(r));
  }

  /**
   * The checks {@link #update} makes before its transaction reaches the engine (request size: the
   * key counted three times, in the compare, the put and the failure branch's get), for backends
   * that run an update without building that transaction.
   */
  public static void validateUpdate(byte[] key, byte[] value, long maxRequestBytes) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("key must not be empty");
    }
    if (value == null) {
      throw new IllegalArgumentException("put needs a non-empty key and a value");
    }
    long size = 3L * key.length + value.length;
    if (size > maxRequestBytes) {
      throw new RequestTooLargeException(size, maxRequestBytes);
    }
  }

  /** The exception of a failed update: {@code actual} is the key's mod revision, 0 if absent. */
  public static StoreException updateFailed(byte[] key, long expected, long actual) {
    return actual == 0
        ? new KeyNotFoundException(key)
        : new ConflictException(key, expected, actual);
  }

  private static long actual(TxnResult r) {
    return ((OpResult.GetResult) r.results().get(0)).kv().map(KeyValue::modRevision).orElse(0L);
  }
}
