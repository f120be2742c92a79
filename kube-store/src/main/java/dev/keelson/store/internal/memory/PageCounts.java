package dev.keelson.store.internal.memory;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts of the rest of recently paginated ranges, so that the next page of a range read at one
 * revision need not count the keys after it again.
 *
 * <p>A range answer carries {@code count}, the number of live keys in {@code [key, rangeEnd)} at
 * its revision (etcd's count; Kubernetes' {@code remainingItemCount} is derived from it). When a
 * page of {@code n} keys ending at key {@code last} has that count {@code c}, the next page (start
 * {@code last + 0x00}, the same end and revision) has count {@code c - n}: a revision that is not
 * compacted never changes, so the fact stays true until that revision is compacted, and the engine
 * checks compaction around every read. Each remembered fact is an immutable record; any thread may
 * read or replace any slot (a lost or stale slot only means counting again).
 */
final class PageCounts {
  private static final int SLOTS = 64;

  private record Fact(long revision, byte[] start, byte[] end, long count) {}

  private final Fact[] slots = new Fact[SLOTS];
  private final AtomicInteger next = new AtomicInteger();

  /** The count of live keys in {@code [start, end)} at {@code revision} if known, else -1. */
  long lookup(long revision, byte[] start, byte[] end) {
    for (Fact f : slots) {
      if (f != null
          && f.revision == revision
          && Arrays.equals(f.start, start)
          && Arrays.equals(f.end, end)) {
        return f.count;
      }
    }
    return -1;
  }

  /**
   * Remembers that {@code [lastKey + 0x00, end)} holds {@code count} live keys at {@code revision}.
   * The arrays are not kept: {@code end} is copied and the start built here.
   */
  void rememberAfter(long revision, byte[] lastKey, byte[] end, long count) {
    byte[] start = Arrays.copyOf(lastKey, lastKey.length + 1);
    int i = Math.floorMod(next.getAndIncrement(), SLOTS);
    slots[i] = new Fact(revision, start, end.clone(), count);
  }
}
