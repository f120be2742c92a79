package dev.keelson.store;

import java.util.List;
import java.util.Optional;

/**
 * The answer to a {@link RangeRequest}.
 *
 * @param kvs the key-values in unsigned key order, at most {@code limit} of them (empty when
 *     counting only)
 * @param more whether keys beyond the last returned one exist in the range at this revision
 * @param count the number of keys in the whole requested range at this revision, ignoring {@code
 *     limit}
 * @param revision the revision the range was read at: the store's current revision when the request
 *     asked for the latest, else the requested one
 */
public record RangeResult(List<KeyValue> kvs, boolean more, long count, long revision) {
  public RangeResult {
    kvs = List.copyOf(kvs);
  }

  /** The first key-value, for single-key reads. */
  public Optional<KeyValue> first() {
    return kvs.isEmpty() ? Optional.empty() : Optional.of(kvs.get(0));
  }
}
