package dev.keelson.store;

import java.util.List;

/**
 * A small transaction, as etcd's {@code TxnRequest}: if every compare holds, the {@code success}
 * ops run, else the {@code failure} ops, atomically at one revision.
 *
 * <p>Build one as a sentence: {@code Txn.when(Compare.modRevisionEquals(k, 7)).then(Op.put(k,
 * v)).orElse(Op.get(k))}. A transaction that writes nothing (only gets, or deletes of absent keys)
 * does not create a revision. The sum of key and value sizes of all ops must not exceed the store's
 * request limit ({@link RequestTooLargeException}); a branch may not write one key twice.
 */
public record Txn(List<Compare> compares, List<Op> success, List<Op> failure) {

  public Txn {
    compares = List.copyOf(compares);
    success = List.copyOf(success);
    failure = List.copyOf(failure);
  }

  /** A transaction with these conditions and no ops yet. */
  public static Txn when(Compare... compares) {
    return new Txn(List.of(compares), List.of(), List.of());
  }

  /** An unconditional transaction running {@code ops}. */
  public static Txn of(Op... ops) {
    return new Txn(List.of(), List.of(ops), List.of());
  }

  /** This transaction with {@code ops} as its success branch. */
  public Txn then(Op... ops) {
    return new Txn(compares, List.of(ops), failure);
  }

  /** This transaction with {@code ops} as its failure branch. */
  public Txn orElse(Op... ops) {
    return new Txn(compares, success, List.of(ops));
  }

  /** The request size counted against the limit: the sum of all keys and values. */
  public long requestBytes() {
    long n = 0;
    for (Compare c : compares) {
      n += c.key().length + (c.value() == null ? 0 : c.value().length);
    }
    return n + requestBytes(success) + requestBytes(failure);
  }

  private static long requestBytes(List<Op> ops) {
    long n = 0;
    for (Op op : ops) {
      n += op.key().length + (op instanceof Op.Put p ? p.value().length : 0);
    }
    return n;
  }
}
