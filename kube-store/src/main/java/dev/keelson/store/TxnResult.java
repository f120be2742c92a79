package dev.keelson.store;

import java.util.List;

/**
 * The answer to a {@link Txn}.
 *
 * @param succeeded whether the compares held (the success branch ran)
 * @param revision the revision the transaction created, or the current revision if it wrote nothing
 * @param results one result per op of the branch that ran, in order
 */
public record TxnResult(boolean succeeded, long revision, List<OpResult> results) {
  public TxnResult {
    results = List.copyOf(results);
  }
}
