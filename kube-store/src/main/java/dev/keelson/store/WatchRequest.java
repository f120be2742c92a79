package dev.keelson.store;

/**
 * What to watch and from which revision, as etcd's {@code WatchCreateRequest}.
 *
 * @param key first key (inclusive)
 * @param rangeEnd end of the range (exclusive), empty for unbounded, or {@code null} for the single
 *     key {@code key}
 * @param startRevision the first revision whose events are delivered (inclusive); 0 means "from the
 *     next write on". A start revision below the store's compacted revision fails the watch with
 *     {@link CompactedException}. To resume after revision {@code r}, start at {@code r + 1}.
 */
public record WatchRequest(byte[] key, byte[] rangeEnd, long startRevision) {
  public WatchRequest {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("key must not be empty");
    }
    if (startRevision < 0) {
      throw new IllegalArgumentException("startRevision must be >= 0");
    }
  }

  /** Watch every key starting with {@code prefix}, from the next write on. */
  public static WatchRequest prefix(byte[] prefix) {
    return new WatchRequest(prefix.clone(), Keys.prefixEnd(prefix), 0);
  }

  /** Watch every key starting with {@code prefix} (UTF-8), from the next write on. */
  public static WatchRequest prefix(String prefix) {
    return prefix(Keys.utf8(prefix));
  }

  /** Watch the single key {@code key}, from the next write on. */
  public static WatchRequest key(byte[] key) {
    return new WatchRequest(key.clone(), null, 0);
  }

  /** This request starting at {@code revision} (inclusive). */
  public WatchRequest fromRevision(long revision) {
    return new WatchRequest(key, rangeEnd, revision);
  }

  /** Whether {@code k} is watched. */
  public boolean contains(byte[] k) {
    return rangeEnd == null ? java.util.Arrays.equals(key, k) : Keys.inRange(k, key, rangeEnd);
  }
}
