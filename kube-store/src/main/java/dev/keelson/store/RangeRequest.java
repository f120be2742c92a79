package dev.keelson.store;

/**
 * A read of one key or of a key range at one consistent revision, as etcd's {@code RangeRequest}.
 *
 * <p>Reads the keys in {@code [key, rangeEnd)}, or only {@code key} when {@code rangeEnd} is {@code
 * null}; an empty {@code rangeEnd} means "every key from {@code key} on". Results are in unsigned
 * byte order. Paginate by passing the revision of the first page and starting the next page after
 * the last key seen ({@link #startAfter(byte[])}): every page then reads the same snapshot however
 * many writes happen in between, until that revision is compacted.
 *
 * @param key first key (inclusive)
 * @param rangeEnd end of the range (exclusive), empty for unbounded, or {@code null} for the single
 *     key {@code key}
 * @param revision revision to read at; 0 for the latest
 * @param limit maximum number of key-values returned; 0 for no limit
 * @param countOnly return only the count, no key-values
 */
public record RangeRequest(
    byte[] key, byte[] rangeEnd, long revision, long limit, boolean countOnly) {

  public RangeRequest {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("key must not be empty");
    }
    if (revision < 0 || limit < 0) {
      throw new IllegalArgumentException("revision and limit must be >= 0");
    }
  }

  /** The single key {@code key} at the latest revision. */
  public static RangeRequest key(byte[] key) {
    return new RangeRequest(key.clone(), null, 0, 0, false);
  }

  /** Every key starting with {@code prefix}, at the latest revision. */
  public static RangeRequest prefix(byte[] prefix) {
    return new RangeRequest(prefix.clone(), Keys.prefixEnd(prefix), 0, 0, false);
  }

  /** Every key starting with {@code prefix} (a UTF-8 string), at the latest revision. */
  public static RangeRequest prefix(String prefix) {
    return prefix(Keys.utf8(prefix));
  }

  /** This request read at {@code revision} (0 for latest). */
  public RangeRequest atRevision(long revision) {
    return new RangeRequest(key, rangeEnd, revision, limit, countOnly);
  }

  /** This request returning at most {@code limit} key-values (0 for no limit). */
  public RangeRequest withLimit(long limit) {
    return new RangeRequest(key, rangeEnd, revision, limit, countOnly);
  }

  /** This range request starting at {@code startKey} (inclusive), keeping its end. */
  public RangeRequest startingAt(byte[] startKey) {
    if (rangeEnd == null) {
      throw new IllegalStateException("a single-key request has no range to start within");
    }
    return new RangeRequest(startKey.clone(), rangeEnd, revision, limit, countOnly);
  }

  /** This range request starting just after {@code lastKey}: the next page. */
  public RangeRequest startAfter(byte[] lastKey) {
    byte[] next = java.util.Arrays.copyOf(lastKey, lastKey.length + 1);
    return startingAt(next);
  }

  /** This request counting only. */
  public RangeRequest countingOnly() {
    return new RangeRequest(key, rangeEnd, revision, limit, true);
  }

  /** Whether {@code k} lies in the requested key range. */
  public boolean contains(byte[] k) {
    return rangeEnd == null ? java.util.Arrays.equals(key, k) : Keys.inRange(k, key, rangeEnd);
  }
}
