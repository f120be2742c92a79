package dev.keelson.watch.internal;

import dev.keelson.store.CompactedException;
import dev.keelson.store.KeyValue;
import dev.keelson.store.Keys;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.RangeResult;
import dev.keelson.store.Store;
import dev.keelson.store.Watch;
import dev.keelson.store.WatchEvent;
import dev.keelson.store.WatchListener;
import dev.keelson.store.WatchRequest;
import dev.keelson.watch.Event;
import dev.keelson.watch.EventSink;
import dev.keelson.watch.ListOptions;
import dev.keelson.watch.ListResult;
import dev.keelson.watch.StoredObject;
import dev.keelson.watch.Subscription;
import dev.keelson.watch.WatchCacheConfig;
import dev.keelson.watch.WatchMetrics;
import dev.keelson.watch.WatchOptions;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine of one resource's watch cache.
 *
 * <p><b>Dispatch.</b> One upstream store watch on the resource's prefix. Its listener (the store's
 * delivery thread) is the cache's only writer: under {@link #applyLock} it decodes each change
 * once, updates the persistent map of current objects, appends an {@link Entry} to the window ring
 * and publishes a new {@link State} with one volatile write; then it wakes the subscriptions that
 * are waiting. It never blocks on a subscriber and never allocates per subscriber.
 *
 * <p><b>Subscriptions</b> ({@link SubscriberTask}) each run on a virtual thread of their own, read
 * the shared ring at their own cursor, apply their filters and call their sink. The ring is the
 * only buffer: a subscription whose cursor falls more than its buffer behind the head is ended with
 * 410 Expired (counted in {@link WatchMetrics#endedByOverflow()}), so memory never grows with slow
 * subscribers.
 *
 * <p><b>Failure.</b> If the upstream watch ends (compaction, overflow, store unavailable), the
 * engine re-lists the store, replaces its state, ends every running subscription normally (their
 * clients resume from their last resource version, and get 410 if it is older than the new window),
 * and watches again; it retries with backoff while the store is unavailable.
 *
 * <p><b>Waking</b> is {@link SubscriptionWaker}'s: the listener only flags that a new state was
 * published; the waker thread hands each round of events to the subscriptions.
 *
 * <p><b>Lock order:</b> {@link #applyLock} before {@link #revisionLock}; subscriptions never hold
 * either while calling a sink. The waker takes neither.
 */
public final class CacheEngine implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CacheEngine.class.getName());
  private static final int LIST_PAGE = 1_000;

  final Store store;
  final WatchCacheConfig config;
  final Decoder decoder;
  final Counters counters = new Counters();
  final String prefix;
  private final int capacity;
  private final Entry[] ring; // length is a power of two
  // The newest window event of each chain (namespace, label k=v; see Entry), guarded by applyLock.
  // An entry leaves this map when it leaves the window: the map is bounded by the window's chains.
  private final Map<String, Entry> lastInChain = new HashMap<>();
  private final int mask;
  final Set<SubscriberTask> tasks = ConcurrentHashMap.newKeySet();
  private final Object applyLock = new Object();
  private final ReentrantLock revisionLock = new ReentrantLock();
  private final Condition revisionAdvanced = revisionLock.newCondition();
  private final Lister lister;
  private volatile State state;
  private volatile Event lastBookmark;
  private volatile boolean closed;
  private volatile Watch upstream; // written under applyLock
  private long watchGeneration; // guarded by applyLock
  private Thread ticker;
  private final SubscriptionWaker waker;

  private CacheEngine(Store store, WatchCacheConfig config) {
    this.store = store;
    this.config = config;
    this.decoder = new Decoder(config.keys(), config.fields());
    this.prefix = config.keys().prefix();
    int size = 1;
    while (size < config.windowEvents()) {
      size <<= 1;
    }
    this.ring = new Entry[size];
    this.mask = ring.length - 1;
    this.capacity = config.windowEvents();
    this.lister = new Lister(this);
    this.waker = new SubscriptionWaker(this);
  }

  /**
   * Lists the resource from the store, starts the upstream watch and the timer.
   *
   * @throws dev.keelson.store.StoreException if the initial list fails
   */
  public static CacheEngine start(Store store, WatchCacheConfig config) {
    CacheEngine engine = new CacheEngine(store, config);
    Snapshot initial = engine.load();
    synchronized (engine.applyLock) {
      engine.state =
          new State(0, initial.revision, initial.root, 0, initial.revision, initial.root, 0);
      engine.startWatch(initial.revision);
    }
    engine.ticker =
        Thread.ofVirtual()
            .name("watch-cache-timer-" + config.keys().groupResource())
            .start(engine::runTimer);
    engine.waker.start("watch-cache-waker-" + config.keys().groupResource());
    return engine;
  }

  // ---------------------------------------------------------------- upstream

  private record Snapshot(long revision, PersistentMap<StoredObject> root) {}

  /** Reads every object of the resource at one revision, in pages. */
  private Snapshot load() {
    byte[] p = Keys.utf8(prefix);
    while (true) {
      try {
        RangeRequest first = RangeRequest.prefix(p).withLimit(LIST_PAGE);
        RangeResult page = store.range(first);
        long revision = page.revision();
        PersistentMap<StoredObject> root = PersistentMap.empty();
        while (true) {
          for (KeyValue kv : page.kvs()) {
            root = putDecoded(root, kv);
          }
          if (!page.more() || page.kvs().isEmpty()) {
            return new Snapshot(revision, root);
          }
          byte[] last = page.kvs().get(page.kvs().size() - 1).key();
          page = store.range(first.atRevision(revision).startAfter(last));
        }
      } catch (CompactedException e) {
        // The first page's revision was compacted while paging: start over at the latest.
      }
    }
  }

  private PersistentMap<StoredObject> putDecoded(PersistentMap<StoredObject> root, KeyValue kv) {
    String key = kv.keyString();
    try {
      return root.put(key, decoder.decode(key, kv.value(), kv.modRevision()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "skipping undecodable object " + key + ": " + e.getMessage());
      return root;
    }
  }

  /** Starts the upstream watch after {@code revision}. Caller holds {@link #applyLock}. */
  private void startWatch(long revision) {
    long generation = ++watchGeneration;
    Watch w =
        store.watch(
            WatchRequest.prefix(prefix).fromRevision(revision + 1),
            new WatchListener() {
              @Override
              public void onEvents(List<WatchEvent> events) {
                onUpstream(generation, events);
              }

              @Override
              public void onProgress(long revision) {
                onUpstreamProgress(generation, revision);
              }
            });
    upstream = w;
    w.terminated()
        .whenComplete(
            (ok, error) -> {
              if (!closed) {
                Thread.ofVirtual()
                    .name("watch-cache-relist-" + config.keys().groupResource())
                    .start(() -> relist(generation, error));
              }
            });
  }

  private void onUpstream(long generation, List<WatchEvent> events) {
    State published;
    synchronized (applyLock) {
      if (generation != watchGeneration || closed) {
        return;
      }
      published = apply(state, events);
      state = published;
    }
    signalRevision();
    waker.requestWake();
  }

  /**
   * The store says every event of the prefix up to {@code revision} was delivered: the cache is
   * current at that revision although its newest event is older (the newest writes were to other
   * resources). Without this a client that listed at the store's revision could not watch from it.
   */
  private void onUpstreamProgress(long generation, long revision) {
    synchronized (applyLock) {
      State s = state;
      if (generation != watchGeneration || closed || revision <= s.revision()) {
        return;
      }
      state =
          new State(
              s.head(), revision, s.root(), s.oldest(), s.baseRevision(), s.baseRoot(), s.epoch());
    }
    signalRevision();
  }

  /** Applies a batch of store events to {@code s}. Caller holds {@link #applyLock}. */
  private State apply(State s, List<WatchEvent> events) {
    PersistentMap<StoredObject> root = s.root();
    long head = s.head();
    long oldest = s.oldest();
    long baseRevision = s.baseRevision();
    PersistentMap<StoredObject> baseRoot = s.baseRoot();
    long revision = s.revision();
    Instant now = config.clock().instant();
    for (WatchEvent ev : events) {
      counters.upstreamEvents.increment();
      String key = ev.kv().keyString();
      long r = ev.revision();
      revision = Math.max(revision, r);
      StoredObject previous = root.get(key);
      StoredObject current;
      boolean deleted = ev.type() == WatchEvent.Type.DELETE;
      if (deleted) {
        if (previous == null) {
          continue;
        }
        current = decoder.reversion(previous, r);
        root = root.remove(key);
      } else {
        try {
          current = decoder.decode(key, ev.kv().value(), r);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "skipping undecodable object " + key + ": " + e.getMessage());
          continue;
        }
        root = root.put(key, current);
      }
      if (head + 1 - oldest > capacity) {
        Entry evicted = ring[(int) oldest & mask];
        forget(evicted);
        baseRevision = evicted.revision();
        baseRoot = evicted.rootAfter();
        oldest++;
      }
      Entry appended =
          new Entry(
              head,
              r,
              current.namespace(),
              deleted,
              current,
              previous,
              root,
              now,
              chains(current, previous));
      ring[(int) head & mask] = appended;
      for (String chain : appended.chains()) {
        Entry before = lastInChain.put(chain, appended);
        if (before != null) {
          before.link(before.chainIndex(chain), head);
        }
      }
      head++;
    }
    return evictByAge(
        new State(head, revision, root, oldest, baseRevision, baseRoot, s.epoch()), now);
  }

  /** Stops tracking {@code e}, which leaves the window. Caller holds {@link #applyLock}. */
  private void forget(Entry e) {
    e.untrack();
    for (String chain : e.chains()) {
      lastInChain.remove(chain, e);
    }
  }

  /** The chains of an event: its namespace, then each label of the object before or after it. */
  private static String[] chains(StoredObject current, StoredObject previous) {
    Map<String, String> now = current.labels();
    Map<String, String> before = previous == null ? Map.of() : previous.labels();
    String[] out = new String[1 + now.size() + before.size()];
    out[0] = current.namespace() == null ? "" : current.namespace();
    int n = 1;
    for (Map.Entry<String, String> l : now.entrySet()) {
      out[n++] = Entry.labelChain(l.getKey(), l.getValue());
    }
    for (Map.Entry<String, String> l : before.entrySet()) {
      if (!l.getValue().equals(now.get(l.getKey()))) {
        out[n++] = Entry.labelChain(l.getKey(), l.getValue());
      }
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  /** Drops events older than the window's age limit. Caller holds {@link #applyLock}. */
  private State evictByAge(State s, Instant now) {
    if (config.windowAge().isZero()) {
      return s;
    }
    Instant limit = now.minus(config.windowAge());
    long oldest = s.oldest();
    long baseRevision = s.baseRevision();
    PersistentMap<StoredObject> baseRoot = s.baseRoot();
    while (oldest < s.head()) {
      Entry e = ring[(int) oldest & mask];
      if (!e.appended().isBefore(limit)) {
        break;
      }
      forget(e);
      baseRevision = e.revision();
      baseRoot = e.rootAfter();
      oldest++;
    }
    if (oldest == s.oldest()) {
      return s;
    }
    return new State(s.head(), s.revision(), s.root(), oldest, baseRevision, baseRoot, s.epoch());
  }

  private void relist(long generation, Throwable cause) {
    synchronized (applyLock) {
      if (generation != watchGeneration || closed) {
        return;
      }
    }
    LOG.log(
        Level.WARNING,
        "upstream watch of " + prefix + " ended (" + cause + "); listing the store again");
    Duration backoff = Duration.ofMillis(100);
    while (!closed) {
      try {
        Snapshot snapshot = load();
        State published;
        synchronized (applyLock) {
          if (closed) {
            return;
          }
          State s = state;
          lastInChain.values().forEach(Entry::untrack);
          lastInChain.clear();
          published =
              new State(
                  s.head(),
                  snapshot.revision,
                  snapshot.root,
                  s.head(),
                  snapshot.revision,
                  snapshot.root,
                  s.epoch() + 1);
          state = published;
          counters.relists.increment();
          startWatch(snapshot.revision);
        }
        signalRevision();
        for (SubscriberTask t : tasks) {
          if (t.epoch() < published.epoch()) {
            t.close();
          }
        }
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "re-listing " + prefix + " failed: " + e + "; retrying");
        LockSupport.parkNanos(backoff.toNanos());
        backoff =
            backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                ? Duration.ofSeconds(5)
                : backoff.multipliedBy(2);
      }
    }
  }

  // ---------------------------------------------------------------- timer

  private void runTimer() {
    long nanos = config.timerResolution().toNanos();
    while (!closed) {
      LockSupport.parkNanos(nanos);
      if (closed) {
        return;
      }
      Instant now = config.clock().instant();
      synchronized (applyLock) {
        State s = state;
        State aged = evictByAge(s, now);
        if (aged != s) {
          state = aged;
        }
      }
      for (SubscriberTask t : tasks) {
        t.onTimer(now);
      }
    }
  }

  // ---------------------------------------------------------------- readers

  State state() {
    return state;
  }

  /** The event at {@code seq}, or {@code null} if its slot has been reused. */
  Entry entry(long seq) {
    Entry e = ring[(int) seq & mask];
    return e != null && e.seq() == seq ? e : null;
  }

  int windowCapacity() {
    return capacity;
  }

  /**
   * The first sequence number in {@code s}'s window whose event is newer than {@code revision}, or
   * -1 if the window moved while searching.
   */
  long firstSeqAfter(State s, long revision) {
    long lo = s.oldest();
    long hi = s.head();
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      Entry e = entry(mid);
      if (e == null) {
        return -1;
      }
      if (e.revision() > revision) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * The objects at exactly {@code revision}, if the window still knows them: {@code null} if the
   * revision is older than the window (or newer than {@code s}).
   */
  PersistentMap<StoredObject> snapshotAt(State s, long revision) {
    if (revision >= s.revision()) {
      return revision == s.revision() ? s.root() : null;
    }
    if (revision < s.baseRevision()) {
      return null;
    }
    long first = firstSeqAfter(s, revision);
    if (first < 0) {
      return null;
    }
    if (first == s.oldest()) {
      return s.baseRoot();
    }
    Entry e = entry(first - 1);
    return e == null ? null : e.rootAfter();
  }

  /** Waits until the cache reaches {@code revision} or {@code timeout} passes; the latest state. */
  State awaitRevision(long revision, Duration timeout) throws InterruptedException {
    State s = state;
    if (s.revision() >= revision) {
      return s;
    }
    Watch w = upstream;
    if (w != null) {
      w.requestProgress(); // the newest writes may be to other resources: ask the store
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    revisionLock.lock();
    try {
      while ((s = state).revision() < revision && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        revisionAdvanced.awaitNanos(left);
      }
      return s;
    } finally {
      revisionLock.unlock();
    }
  }

  private void signalRevision() {
    revisionLock.lock();
    try {
      revisionAdvanced.signalAll();
    } finally {
      revisionLock.unlock();
    }
  }

  /** The bookmark for {@code revision}, shared by every subscription that sends it. */
  Event bookmark(long revision) {
    Event b = lastBookmark;
    if (b == null || b.resourceVersion() != revision) {
      b = Event.bookmark(config.apiVersion(), config.kind(), revision, false);
      lastBookmark = b;
    }
    return b;
  }

  boolean isClosed() {
    return closed;
  }

  void remove(SubscriberTask task) {
    tasks.remove(task);
  }

  // ---------------------------------------------------------------- API

  /** Starts a subscription; see {@link dev.keelson.watch.WatchCache#subscribe}. */
  public Subscription subscribe(WatchOptions options, EventSink sink) {
    if (closed) {
      throw new IllegalStateException("watch cache of " + prefix + " is closed");
    }
    SubscriberTask task = new SubscriberTask(this, options, sink);
    tasks.add(task);
    counters.subscriptionsStarted.increment();
    task.start(state.epoch()); // reads the epoch before the state: see relist()
    if (closed) {
      task.close();
    }
    return task;
  }

  /** Serves a list; see {@link dev.keelson.watch.WatchCache#list}. */
  public ListResult list(ListOptions options) {
    if (closed) {
      throw new IllegalStateException("watch cache of " + prefix + " is closed");
    }
    return lister.list(options);
  }

  /** The object at {@code key} in the cache's current state; see {@code WatchCache#get}. */
  public StoredObject get(String key) {
    if (closed) {
      throw new IllegalStateException("watch cache of " + prefix + " is closed");
    }
    return state.root().get(key);
  }

  /** The cache's revision. */
  public long revision() {
    return state.revision();
  }

  /** A snapshot of the counters. */
  public WatchMetrics metrics() {
    State s = state;
    return new WatchMetrics(
        counters.upstreamEvents.sum(),
        counters.eventsDelivered.sum(),
        counters.bookmarksDelivered.sum(),
        tasks.size(),
        counters.subscriptionsStarted.sum(),
        counters.endedByOverflow.sum(),
        counters.endedByExpired.sum(),
        counters.listsFromCache.sum(),
        counters.listsFromStore.sum(),
        counters.relists.sum(),
        s.revision(),
        s.head() - s.oldest());
  }

  /** Stops the upstream watch and ends every subscription normally. Idempotent. */
  @Override
  public void close() {
    Watch w;
    synchronized (applyLock) {
      if (closed) {
        return;
      }
      closed = true;
      w = upstream;
    }
    if (w != null) {
      w.close();
    }
    if (ticker != null) {
      LockSupport.unpark(ticker);
    }
    waker.stop();
    signalRevision();
    for (SubscriberTask t : tasks) {
      t.close();
    }
  }

  /** Waits (bounded) for every subscription thread to finish; for orderly shutdown and tests. */
  public boolean awaitSubscriptionsEnded(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!tasks.isEmpty()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
    return true;
  }
}
