package dev.keelson.store.internal.memory;

import dev.keelson.store.Compare;
import dev.keelson.store.ConflictException;
import dev.keelson.store.KeyExistsException;
import dev.keelson.store.KeyNotFoundException;
import dev.keelson.store.KeyValue;
import dev.keelson.store.Op;
import dev.keelson.store.OpResult;
import dev.keelson.store.Txn;
import dev.keelson.store.TxnResult;
import java.util.List;

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

  private Writes() {}

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
    long actual = actual(r);
    if (actual == 0) {
      throw new KeyNotFoundException(key);
    }
    throw new ConflictException(key, expected, actual);
  }

  private static long actual(TxnResult r) {
    return ((OpResult.GetResult) r.results().get(0)).kv().map(KeyValue::modRevision).orElse(0L);
  }
}
