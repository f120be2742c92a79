package dev.keelson.store.internal.memory;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The engine's commits since the compacted revision, in a ring indexed by revision: commit {@code
 * r} lives in slot {@code r & (length - 1)}. Compared with a {@code ConcurrentSkipListMap<Long,
 * Commit>} an append allocates nothing (no node, no boxed key, no index levels) and the garbage
 * collector traces one array instead of a linked list of nodes.
 *
 * <p>Threading: {@link #append}, {@link #dropBelow} and {@link #forEachFrom} are called by the
 * engine's one writer at a time. {@link #get} may be called from any thread, never blocks, and
 * never returns a commit of another revision: a reader first reads the published revision
 * (volatile; the writer stores a slot before publishing its revision), then the array (volatile;
 * the writer fills a grown array before publishing it) and checks the revision of what it found,
 * since a slot may have been reused by a newer revision after compaction.
 */
final class History {
  private static final int MIN_CAPACITY = 1024;

  private volatile Commit[] ring = new Commit[MIN_CAPACITY];
  private long first = 1; // writer only: the oldest revision that may be retained
  private long last; // writer only: the newest appended revision (0: none)

  /** Adds {@code commit}, whose revision is above every appended one. */
  void append(Commit commit) {
    long rev = commit.revision();
    if (last == 0 || first > last) {
      first = rev; // empty: start here (the engine's revisions may start anywhere after restore)
    }
    Commit[] r = ring;
    if (rev - first >= r.length) {
      r = resize(r, rev - first + 1);
    }
    r[slot(r, rev)] = commit;
    last = rev;
  }

  /** The commit of {@code revision} if retained (a revision without a commit gives null). */
  Commit get(long revision) {
    Commit[] r = ring;
    Commit c = r[slot(r, revision)];
    return c != null && c.revision() == revision ? c : null;
  }

  /** Calls {@code action} for each retained commit from the oldest, until it returns false. */
  void forEachFrom(Predicate<Commit> action) {
    Commit[] r = ring;
    for (long rev = first; rev <= last; rev++) {
      Commit c = r[slot(r, rev)];
      if (c != null && c.revision() == rev && !action.test(c)) {
        return;
      }
    }
  }

  /** Hands every retained commit below {@code revision} to {@code dropped} and forgets it. */
  void dropBelow(long revision, Consumer<Commit> dropped) {
    Commit[] r = ring;
    long end = Math.min(revision, last + 1);
    for (long rev = first; rev < end; rev++) {
      int i = slot(r, rev);
      Commit c = r[i];
      if (c != null && c.revision() == rev) {
        dropped.accept(c);
        r[i] = null;
      }
    }
    first = Math.max(first, revision);
    long size = Math.max(0, last - first + 1);
    if (r.length > MIN_CAPACITY && size * 4 < r.length) {
      resize(r, Math.max(size, 1));
    }
  }

  private Commit[] resize(Commit[] old, long needed) {
    int capacity = MIN_CAPACITY;
    while (capacity < needed * 2) {
      if (capacity >= 1 << 29) {
        throw new IllegalStateException("history of " + needed + " revisions is too large");
      }
      capacity <<= 1;
    }
    Commit[] grown = new Commit[capacity];
    for (long rev = first; rev <= last; rev++) {
      Commit c = old[slot(old, rev)];
      if (c != null && c.revision() == rev) {
        grown[slot(grown, rev)] = c;
      }
    }
    ring = grown;
    return grown;
  }

  private static int slot(Commit[] r, long revision) {
    return (int) (revision & (r.length - 1));
  }
}
