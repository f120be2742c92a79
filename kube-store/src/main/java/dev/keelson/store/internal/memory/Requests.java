package dev.keelson.store.internal.memory;

import dev.keelson.store.Op;
import dev.keelson.store.RequestTooLargeException;
import dev.keelson.store.Txn;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Checks done on a request before it reaches the engine, so a bad request writes nothing. */
public final class Requests {
  private Requests() {}

  /**
   * Validates {@code txn} against {@code maxRequestBytes}.
   *
   * @throws RequestTooLargeException if too large
   * @throws IllegalArgumentException if a branch writes one key twice
   */
  public static void validate(Txn txn, long maxRequestBytes) {
    long size = txn.requestBytes();
    if (size > maxRequestBytes) {
      throw new RequestTooLargeException(size, maxRequestBytes);
    }
    checkDuplicates(txn.success());
    checkDuplicates(txn.failure());
  }

  private static void checkDuplicates(List<Op> ops) {
    int writes = 0;
    for (Op op : ops) {
      if (!(op instanceof Op.Get)) {
        writes++;
      }
    }
    if (writes < 2) {
      return;
    }
    Set<byte[]> seen = new TreeSet<>(Arrays::compareUnsigned);
    for (Op op : ops) {
      if (!(op instanceof Op.Get) && !seen.add(op.key())) {
        throw new IllegalArgumentException(
            "duplicate key in one transaction branch: "
                + dev.keelson.store.Keys.printable(op.key()));
      }
    }
  }
}
