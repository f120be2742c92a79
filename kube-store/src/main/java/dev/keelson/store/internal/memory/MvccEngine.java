package dev.keelson.store.internal.memory;

import dev.keelson.store.CompactedException;
import dev.keelson.store.Compare;
import dev.keelson.store.KeyValue;
import dev.keelson.store.Op;
import dev.keelson.store.OpResult;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.RangeResult;
import dev.keelson.store.Txn;
import dev.keelson.store.TxnResult;
import dev.keelson.store.WatchEvent;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Multi-version state: per key a chain of versions, plus the history of commits since the compacted
 * revision.
 *
 * <p>Threading: {@link #apply}, {@link #compact}, {@link #publish} and {@link #restore} are called
 * by one writer at a time (the caller serializes them). {@link #range} and the history accessors
 * may be called from any thread at any time; they never block and see exactly the published
 * revision they read at.
 *
 * <p>Revisions: {@link #appliedRevision()} counts applied transactions; a transaction becomes
 * visible to readers only when {@link #publish} advances {@link #publishedRevision()} past it. The
 * memory backend publishes right after applying; the file backend after the write-ahead log is
 * durable.
 */
public final class MvccEngine {
  private final ConcurrentSkipListMap<byte[], KeyEntry> index =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
  private final History history = new History();
  private final PageCounts pageCounts = new PageCounts();
  private final InstantSource clock;
  private final long historyRevisions;
  private final Duration historyRetention;

  private long appliedRevision;
  private volatile long publishedRevision;
  private volatile long compactedRevision;
  private long physicallyCompacted;
  private int physicalHolds;
  private long lastRetentionCheck;

  public MvccEngine(InstantSource clock, long historyRevisions, Duration historyRetention) {
    this.clock = clock;
    this.historyRevisions = historyRevisions;
    this.historyRetention = historyRetention;
  }

  public long appliedRevision() {
    return appliedRevision;
  }

  public long publishedRevision() {
    return publishedRevision;
  }

  public long compactedRevision() {
    return compactedRevision;
  }

  /** The result of applying a transaction; {@code commit} is null when nothing changed. */
  public record Applied(TxnResult result, Commit commit) {}

  /**
   * Applies {@code txn} (already validated) at {@code appliedRevision() + 1}. Ops run in order; a
   * get sees earlier writes of the same transaction, as in etcd. Not yet visible to readers.
   */
  public Applied apply(Txn txn) {
    return apply(txn, true);
  }

  /**
   * As {@link #apply(Txn)}; with {@code copyResults == false} the op results share the engine's
   * arrays and must not leave the store (for the store's own convenience paths, which only read
   * revisions from them). Put and delete results then carry no previous value.
   */
  public Applied apply(Txn txn, boolean copyResults) {
    boolean ok = true;
    // The conditional writes compare and then write one key (the same array): remember the
    // compared key's entry so the write does not look it up in the index a second time.
    byte[] seenKey = null;
    KeyEntry seenEntry = null;
    for (Compare c : txn.compares()) {
      seenKey = c.key();
      seenEntry = index.get(seenKey);
      if (!c.test(live(KeyEntry.head(seenEntry)))) {
        ok = false;
        break;
      }
    }
    List<Op> ops = ok ? txn.success() : txn.failure();
    long rev = appliedRevision + 1;
    List<OpResult> results = new ArrayList<>(ops.size());
    List<WatchEvent> events = null;
    for (Op op : ops) {
      switch (op) {
        case Op.Get g ->
            results.add(
                new OpResult.GetResult(
                    copyResults ? opt(latest(g.key())) : Optional.ofNullable(latest(g.key()))));
        case Op.Put p -> {
          KeyEntry entry = p.key() == seenKey ? seenEntry : index.get(p.key());
          seenKey = null; // a write may add an entry: look up afresh from now on
          WatchEvent e = put(entry, p.key(), p.value(), rev);
          results.add(new OpResult.PutResult(copyResults ? opt(e.prevKv()) : Optional.empty()));
          events = add(events, e);
        }
        case Op.Delete d -> {
          KeyEntry entry = d.key() == seenKey ? seenEntry : index.get(d.key());
          seenKey = null;
          Version head = KeyEntry.head(entry);
          KeyValue prev = head == null || head.tombstone ? null : head.kv;
          if (prev != null) {
            KeyValue kv = new KeyValue(prev.key(), new byte[0], 0, rev, 0);
            entry.head = new Version(kv, true, head);
            events = add(events, new WatchEvent(WatchEvent.Type.DELETE, kv, prev));
          }
          results.add(
              new OpResult.DeleteResult(copyResults ? opt(prev) : Optional.ofNullable(prev)));
        }
      }
    }
    if (events == null) {
      return new Applied(new TxnResult(ok, appliedRevision, results), null);
    }
    if (events.size() > 1) {
      events.sort((a, b) -> Arrays.compareUnsigned(a.kv().key(), b.kv().key()));
    }
    appliedRevision = rev;
    Commit commit = new Commit(rev, clock.millis(), events);
    return new Applied(new TxnResult(ok, rev, results), commit);
  }

  /** Writes {@code value} to {@code key} (whose index entry is {@code entry}) at {@code rev}. */
  private WatchEvent put(KeyEntry entry, byte[] key, byte[] value, long rev) {
    Version head = KeyEntry.head(entry);
    // Reuse the engine's own copy of an existing key; copy a new one.
    byte[] k = head != null ? head.kv.key() : key.clone();
    KeyValue prev = live(head);
    KeyValue kv =
        new KeyValue(
            k,
            value.clone(),
            prev == null ? rev : prev.createRevision(),
            rev,
            prev == null ? 1 : prev.version() + 1);
    Version v = new Version(kv, false, head);
    if (entry == null) {
      index.put(k, new KeyEntry(v));
    } else {
      entry.head = v;
    }
    return new WatchEvent(WatchEvent.Type.PUT, kv, prev);
  }

  /**
   * The conditional update without a transaction: exactly what {@link #apply(Txn, boolean)} does
   * for {@code Txn.when(modRevisionEquals(key, expected)).then(put(key, value))} (with a mod
   * revision of 0 for an absent key), but without building the request, its results or a list per
   * commit. Returns the commit (applied, not yet published), or null when the key's mod revision is
   * not {@code expected}; nothing is written then.
   */
  public Commit putIfModRevision(byte[] key, byte[] value, long expected) {
    KeyEntry entry = index.get(key);
    KeyValue current = live(KeyEntry.head(entry));
    if ((current == null ? 0 : current.modRevision()) != expected) {
      return null;
    }
    long rev = appliedRevision + 1;
    WatchEvent e = put(entry, key, value, rev);
    appliedRevision = rev;
    return new Commit(rev, clock.millis(), List.of(e));
  }

  /** The latest applied mod revision of {@code key} (writer view), 0 if absent. */
  public long latestModRevision(byte[] key) {
    KeyValue kv = latest(key);
    return kv == null ? 0 : kv.modRevision();
  }

  private static List<WatchEvent> add(List<WatchEvent> events, WatchEvent e) {
    List<WatchEvent> list = events == null ? new ArrayList<>(2) : events;
    list.add(e);
    return list;
  }

  /** Makes {@code commit} (the next revision) visible to readers and to history. */
  public void publish(Commit commit) {
    history.append(commit);
    publishedRevision = commit.revision();
  }

  /** {@code key}'s latest published version, copied; the single-key read. */
  public Optional<KeyValue> get(byte[] key) {
    return opt(Version.liveAt(KeyEntry.head(index.get(key)), publishedRevision));
  }

  /** The latest applied live key-value (writer view), or null. */
  private KeyValue latest(byte[] key) {
    return live(KeyEntry.head(index.get(key)));
  }

  private static KeyValue live(Version head) {
    return head == null || head.tombstone ? null : head.kv;
  }

  /** Reads at one revision; see {@link dev.keelson.store.Store#range}. */
  public RangeResult range(RangeRequest req) {
    long current = publishedRevision;
    long rev = req.revision() == 0 ? current : req.revision();
    if (rev > current) {
      throw new IllegalArgumentException(
          "revision " + rev + " is in the future (current revision " + current + ")");
    }
    checkNotCompacted(rev, current);
    List<KeyValue> kvs = req.rangeEnd() == null ? List.of() : new ArrayList<>();
    long count = 0;
    boolean more = false;
    long limit = req.limit() == 0 ? Long.MAX_VALUE : req.limit();
    if (req.rangeEnd() == null) {
      KeyValue kv = Version.liveAt(KeyEntry.head(index.get(req.key())), rev);
      if (kv != null) {
        count = 1;
        if (!req.countOnly()) {
          kvs = List.of(copy(kv));
        }
      }
    } else {
      NavigableMap<byte[], KeyEntry> range =
          req.rangeEnd().length == 0
              ? index.tailMap(req.key(), true)
              : index.subMap(req.key(), true, req.rangeEnd(), false);
      // A later page of a paginated read knows its count from the page before: then only the
      // page's own keys are visited, not every key to the end of the range.
      long known = req.limit() == 0 ? -1 : pageCounts.lookup(rev, req.key(), req.rangeEnd());
      for (KeyEntry entry : range.values()) {
        if (known >= 0 && (req.countOnly() || kvs.size() >= limit)) {
          break;
        }
        KeyValue kv = Version.liveAt(entry.head, rev);
        if (kv == null) {
          continue;
        }
        count++;
        if (req.countOnly()) {
          continue;
        }
        if (kvs.size() < limit) {
          kvs.add(copy(kv));
        } else {
          more = true;
        }
      }
      if (known >= 0) {
        count = known;
        more = !req.countOnly() && known > kvs.size();
      }
      if (more && !kvs.isEmpty()) {
        checkNotCompacted(rev, current);
        pageCounts.rememberAfter(
            rev, kvs.get(kvs.size() - 1).key(), req.rangeEnd(), count - kvs.size());
      }
    }
    // A compaction racing with this read may have cut versions it needed: report that, typed.
    checkNotCompacted(rev, current);
    return new RangeResult(kvs, more, count, rev);
  }

  private void checkNotCompacted(long rev, long current) {
    long compacted = compactedRevision;
    if (rev < compacted) {
      throw new CompactedException(rev, compacted, current);
    }
  }

  /** The commit of {@code revision}, if still in history and published. */
  public Commit commit(long revision) {
    return revision > publishedRevision ? null : history.get(revision);
  }

  /**
   * Drops history below {@code revision}. Readers see the new compacted revision at once; the
   * memory is reclaimed now unless physical compaction is held (see {@link #holdPhysical()}).
   */
  public void compact(long revision) {
    long current = publishedRevision;
    if (revision <= compactedRevision) {
      throw new CompactedException(revision, compactedRevision, publishedRevision);
    }
    if (revision > current) {
      throw new IllegalArgumentException(
          "cannot compact to future revision " + revision + " (current " + current + ")");
    }
    compactedRevision = revision;
    if (physicalHolds == 0) {
      compactPhysically();
    }
  }

  /** Keeps every version in place (for a concurrent snapshot) until {@link #releasePhysical()}. */
  public void holdPhysical() {
    physicalHolds++;
  }

  /** Ends a {@link #holdPhysical()}; catches up on deferred compaction. */
  public void releasePhysical() {
    if (--physicalHolds == 0) {
      compactPhysically();
    }
  }

  private void compactPhysically() {
    long target = compactedRevision;
    if (target <= physicallyCompacted) {
      return;
    }
    history.dropBelow(
        target,
        c -> {
          for (WatchEvent e : c.events()) {
            truncate(e.kv().key(), target);
          }
        });
    physicallyCompacted = target;
  }

  /** Cuts {@code key}'s chain below the newest version older than {@code target}. */
  private void truncate(byte[] key, long target) {
    KeyEntry entry = index.get(key);
    Version head = KeyEntry.head(entry);
    Version newer = null;
    Version v = head;
    while (v != null && v.modRevision() >= target) {
      newer = v;
      v = v.prev;
    }
    if (v == null) {
      return;
    }
    if (v.tombstone) {
      if (newer == null) {
        index.remove(key, entry);
      } else {
        newer.prev = null;
      }
    } else {
      v.prev = null;
    }
  }

  /**
   * Compacts automatically when history exceeds the configured window (by revision count, with some
   * slack so compaction runs in batches, and by age, checked at most once a second).
   */
  public void maybeAutoCompact() {
    long target = 0;
    if (historyRevisions > 0) {
      long slack = Math.max(1, historyRevisions / 8);
      if (appliedRevision - compactedRevision > historyRevisions + slack) {
        target = appliedRevision - historyRevisions;
      }
    }
    if (!historyRetention.isZero()) {
      long now = clock.millis();
      if (now - lastRetentionCheck >= 1000) {
        lastRetentionCheck = now;
        long cutoff = now - historyRetention.toMillis();
        long[] byAge = {0};
        history.forEachFrom(
            c -> {
              if (c.timeMillis() >= cutoff) {
                return false;
              }
              byAge[0] = c.revision() + 1;
              return true;
            });
        target = Math.max(target, Math.min(byAge[0], appliedRevision));
      }
    }
    if (target > compactedRevision && target <= publishedRevision) {
      compact(target);
    }
  }

  // ---------------------------------------------------------------- snapshot support

  /** One key's retained versions, oldest first, as written to and read from snapshots. */
  public record KeyHistory(byte[] key, List<VersionRecord> versions) {}

  /** One retained version: a put ({@code tombstone == false}) or a delete. */
  public record VersionRecord(KeyValue kv, boolean tombstone) {}

  /**
   * Every key's versions at or below {@code revision}, oldest first, in key order. Call with
   * physical compaction held; iteration is lazy and runs concurrently with writers.
   */
  public Iterator<KeyHistory> versionsAtOrBelow(long revision) {
    Iterator<Map.Entry<byte[], KeyEntry>> it = index.entrySet().iterator();
    return new Iterator<>() {
      KeyHistory next = advance();

      private KeyHistory advance() {
        while (it.hasNext()) {
          Map.Entry<byte[], KeyEntry> e = it.next();
          List<VersionRecord> list = new ArrayList<>();
          for (Version v = Version.at(e.getValue().head, revision); v != null; v = v.prev) {
            list.add(new VersionRecord(v.kv, v.tombstone));
          }
          if (!list.isEmpty()) {
            Collections.reverse(list);
            return new KeyHistory(e.getKey(), list);
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public KeyHistory next() {
        KeyHistory r = next;
        next = advance();
        return r;
      }
    };
  }

  /**
   * Loads a snapshot into an empty engine: chains, the revision, the compacted revision, and a
   * history rebuilt from the retained versions at or above the compacted revision.
   */
  public void restore(Iterator<KeyHistory> keys, long revision, long compacted) {
    if (appliedRevision != 0 || !index.isEmpty()) {
      throw new IllegalStateException("restore needs an empty engine");
    }
    NavigableMap<Long, List<WatchEvent>> events = new java.util.TreeMap<>();
    while (keys.hasNext()) {
      KeyHistory kh = keys.next();
      Version head = null;
      for (VersionRecord vr : kh.versions()) {
        KeyValue prev = head == null || head.tombstone ? null : head.kv;
        head = new Version(vr.kv(), vr.tombstone(), head);
        if (vr.kv().modRevision() >= compacted) {
          events
              .computeIfAbsent(vr.kv().modRevision(), r -> new ArrayList<>())
              .add(
                  new WatchEvent(
                      vr.tombstone() ? WatchEvent.Type.DELETE : WatchEvent.Type.PUT,
                      vr.kv(),
                      prev));
        }
      }
      index.put(kh.key(), new KeyEntry(head));
    }
    long now = clock.millis();
    events.forEach((rev, list) -> history.append(new Commit(rev, now, List.copyOf(list))));
    appliedRevision = revision;
    publishedRevision = revision;
    compactedRevision = compacted;
    physicallyCompacted = compacted;
  }

  static KeyValue copy(KeyValue kv) {
    return kv == null
        ? null
        : new KeyValue(
            kv.key().clone(),
            kv.value().clone(),
            kv.createRevision(),
            kv.modRevision(),
            kv.version());
  }

  private static Optional<KeyValue> opt(KeyValue kv) {
    return Optional.ofNullable(copy(kv));
  }
}
