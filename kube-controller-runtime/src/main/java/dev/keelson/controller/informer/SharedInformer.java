package dev.keelson.controller.informer;

import dev.keelson.api.KubeList;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.GoneException;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.WatchEvent;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.client.Watch;
import dev.keelson.client.WatchOptions;
import dev.keelson.controller.cache.IndexFunction;
import dev.keelson.controller.cache.IndexedCache;
import dev.keelson.controller.cache.Indexer;
import dev.keelson.controller.cache.ObjectKey;
import dev.keelson.controller.source.EventSource;
import dev.keelson.controller.source.ResourceEventHandler;
import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An informer: keeps an {@link Indexer} in step with the server and tells any number of handlers
 * what changed (client-go's {@code SharedIndexInformer}).
 *
 * <p>It lists the collection page by page, then watches from the list's resource version with
 * bookmarks, and watches again from the last version it saw when a watch ends. A 410 Gone (Expired)
 * relists at once; other failures retry after a jittered exponential {@link Backoff} (timed by the
 * {@link Clock}). A relist turns objects that vanished into {@code onDelete(obj, true)} (final
 * state unknown), new ones into {@code onAdd}, and changed ones into {@code onUpdate}. With a
 * resync period, every cached object is re-delivered as {@code onUpdate(obj, obj)}.
 *
 * <p>Each handler has its own thread and a coalescing buffer (one pending entry per object), so a
 * slow handler never blocks the informer or other handlers; it sees the net change instead of every
 * step. A handler added while running first gets the cache contents as {@code onAdd(obj, true)}.
 *
 * <p>Usually obtained from an {@link InformerFactory}, which shares one informer per resource and
 * scope.
 *
 * @param <T> the object type (a record, or {@link dev.keelson.api.GenericObject})
 */
public final class SharedInformer<T extends KubernetesObject>
    implements EventSource<T>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SharedInformer.class);

  private final ListWatch<T> source;
  private final InformerOptions options;
  private final Clock clock;
  private final IndexedCache<T> cache = new IndexedCache<>();
  private final ReentrantLock lock = new ReentrantLock(); // orders cache writes and handler adds
  private final List<HandlerQueue<T>> handlers = new CopyOnWriteArrayList<>();
  private final CountDownLatch synced = new CountDownLatch(1);
  private final Backoff backoff;
  private final Thread thread;

  private final LongAdder lists = new LongAdder();
  private final LongAdder listPages = new LongAdder();
  private final LongAdder relists = new LongAdder();
  private final LongAdder watches = new LongAdder();
  private final LongAdder watchEvents = new LongAdder();
  private final LongAdder bookmarks = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder resyncs = new LongAdder();
  private final LongAdder coalesced = new LongAdder();

  private volatile String lastResourceVersion = "";
  private volatile boolean started;
  private volatile boolean stopped;
  private volatile Watch currentWatch;
  private volatile CompletableFuture<Void> sleeping;
  private volatile Clock.Timer resyncTimer;
  private volatile Transform transform = Transform.identity();

  private SharedInformer(ListWatch<T> source, InformerOptions options, Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.backoff = new Backoff(options.initialBackoff(), options.maxBackoff());
    this.thread = Thread.ofVirtual().name("informer " + source.describe()).unstarted(this::run);
  }

  /** An informer over a kube-client view; its namespace wins over {@code options.namespace()}. */
  public static <T extends KubernetesObject> SharedInformer<T> of(
      Resources<T> resources, InformerOptions options, Clock clock) {
    Resources<T> view = resources;
    if (resources.namespace() == null && options.namespace() != null) {
      view = resources.inNamespace(options.namespace());
    }
    return new SharedInformer<>(ListWatch.of(view), options, clock);
  }

  /** An informer over any list-watch source (the namespace of {@code options} is not applied). */
  public static <T extends KubernetesObject> SharedInformer<T> of(
      ListWatch<T> source, InformerOptions options, Clock clock) {
    return new SharedInformer<>(source, options, clock);
  }

  /** The cache: listers by key, namespace, labels and indexes. */
  public Indexer<T> indexer() {
    return cache;
  }

  /** Adds an index (before or after start); see {@link Indexer#addIndex}. */
  public SharedInformer<T> addIndex(String name, IndexFunction<? super T> function) {
    cache.addIndex(name, function);
    return this;
  }

  /**
   * Sets the {@link Transform} applied to every object before it is cached and handed to handlers
   * (client-go's {@code SetTransform}).
   *
   * @throws IllegalStateException if the informer has already started
   */
  public SharedInformer<T> setTransform(Transform transform) {
    Objects.requireNonNull(transform, "transform");
    lock.lock();
    try {
      if (started) {
        throw new IllegalStateException("informer has already started");
      }
      this.transform = transform;
    } finally {
      lock.unlock();
    }
    return this;
  }

  /** The transform applied to objects before they are cached. */
  public Transform transform() {
    return transform;
  }

  /** The options this informer runs with. */
  public InformerOptions options() {
    return options;
  }

  @Override
  public void addHandler(ResourceEventHandler<T> handler) {
    HandlerQueue<T> q =
        new HandlerQueue<>(handler, coalesced, "informer " + source.describe() + " handler");
    lock.lock();
    try {
      if (stopped) {
        throw new IllegalStateException("informer stopped");
      }
      for (T obj : cache.list()) {
        q.add(obj, true);
      }
      handlers.add(q);
    } finally {
      lock.unlock();
    }
    q.start();
  }

  /** Starts listing and watching; idempotent. */
  public void start() {
    lock.lock();
    try {
      if (started || stopped) {
        return;
      }
      started = true;
    } finally {
      lock.unlock();
    }
    thread.start();
    scheduleResync();
  }

  @Override
  public boolean hasSynced() {
    return synced.getCount() == 0;
  }

  /** Waits until the first list is in the cache; false on timeout. */
  public boolean waitForSync(Duration timeout) throws InterruptedException {
    return synced.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Whether every handler has taken all notifications queued so far (for tests and benchmarks; a
   * running informer may queue more at any time).
   */
  public boolean handlersIdle() {
    for (HandlerQueue<T> q : handlers) {
      if (q.pending() > 0) {
        return false;
      }
    }
    return true;
  }

  /** The resource version the cache reflects ({@code ""} before the first list). */
  public String lastSyncResourceVersion() {
    return lastResourceVersion;
  }

  public InformerMetrics metrics() {
    return new InformerMetrics(
        lists.sum(),
        listPages.sum(),
        relists.sum(),
        watches.sum(),
        watchEvents.sum(),
        bookmarks.sum(),
        errors.sum(),
        resyncs.sum(),
        coalesced.sum(),
        lastResourceVersion,
        cache.size());
  }

  /** Stops watching and delivering; the cache keeps its last contents. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      stopped = true;
    } finally {
      lock.unlock();
    }
    Clock.Timer t = resyncTimer;
    if (t != null) {
      t.cancel();
    }
    Watch w = currentWatch;
    if (w != null) {
      w.close();
    }
    CompletableFuture<Void> s = sleeping;
    if (s != null) {
      s.complete(null);
    }
    thread.interrupt();
    for (HandlerQueue<T> q : handlers) {
      q.close();
    }
  }

  // ---- the reflector loop ------------------------------------------------------------------

  private void run() {
    boolean needList = true;
    while (!stopped) {
      try {
        if (needList) {
          list();
          needList = false;
        }
        long began = clock.nanoTime();
        watchOnce();
        // The server ended the watch (its timeout): watch again from where we are.
        if (clock.nanoTime() - began > Duration.ofSeconds(1).toNanos()) {
          backoff.reset();
        } else {
          pause(backoff.next());
        }
      } catch (GoneException e) {
        if (stopped) {
          return;
        }
        log.debug("{}: {}; listing again", source.describe(), e.getMessage());
        relists.increment();
        needList = true;
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (stopped) {
          return;
        }
        errors.increment();
        Duration d = backoff.next();
        log.info("{}: {}; retrying in {} ms", source.describe(), e.toString(), d.toMillis());
        try {
          pause(d);
        } catch (InterruptedException ie) {
          return;
        }
        // A list that failed lists again; a watch that failed resumes from the last version and
        // falls back to a list when that version has expired (410).
        if (needList) {
          relists.increment();
        }
      }
    }
  }

  private void pause(Duration d) throws InterruptedException {
    CompletableFuture<Void> f = new CompletableFuture<>();
    sleeping = f;
    Clock.Timer t = clock.schedule(d, () -> f.complete(null));
    try {
      if (stopped) {
        return;
      }
      f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      t.cancel();
      sleeping = null;
    }
  }

  private void list() {
    ListOptions base =
        ListOptions.builder()
            .labelSelector(options.labelSelector())
            .fieldSelector(options.fieldSelector())
            .limit((long) options.pageSize())
            .build();
    List<T> items = new ArrayList<>();
    String rv = null;
    String token = null;
    do {
      KubeList<T> page = source.list(token == null ? base : base.withContinue(token));
      listPages.increment();
      if (rv == null) {
        rv = page.metadata() == null ? "" : page.metadata().resourceVersion();
      }
      for (T item : page.items()) {
        items.add(transformed(item));
      }
      token = page.metadata() == null ? null : page.metadata().continueToken();
    } while (token != null && !token.isEmpty() && !stopped);
    if (stopped) {
      return;
    }
    replace(items, rv == null ? "" : rv);
    lists.increment();
    backoff.reset();
  }

  private void replace(List<T> items, String rv) {
    boolean first = !hasSynced();
    lock.lock();
    try {
      Map<ObjectKey, T> fresh = new HashMap<>(items.size() * 4 / 3 + 1);
      for (T obj : items) {
        fresh.put(ObjectKey.of(obj), obj);
      }
      for (ObjectKey key : cache.keys()) {
        if (!fresh.containsKey(key)) {
          T gone = cache.remove(key);
          if (gone != null) {
            for (HandlerQueue<T> q : handlers) {
              q.delete(gone, true);
            }
          }
        }
      }
      for (T obj : fresh.values()) {
        T old = cache.put(obj);
        if (old == null) {
          for (HandlerQueue<T> q : handlers) {
            q.add(obj, first);
          }
        } else if (!Objects.equals(resourceVersion(old), resourceVersion(obj))) {
          for (HandlerQueue<T> q : handlers) {
            q.update(old, obj);
          }
        }
      }
      lastResourceVersion = rv;
    } finally {
      lock.unlock();
    }
    synced.countDown();
  }

  private void watchOnce() throws InterruptedException {
    long timeoutSeconds = options.watchTimeout().toSeconds();
    long jittered =
        timeoutSeconds + ThreadLocalRandom.current().nextLong(Math.max(1, timeoutSeconds));
    WatchOptions w =
        WatchOptions.builder()
            .labelSelector(options.labelSelector())
            .fieldSelector(options.fieldSelector())
            .resourceVersion(lastResourceVersion)
            .allowBookmarks(true)
            .timeout(Duration.ofSeconds(Math.max(1, jittered)))
            .build();
    Watch watch = source.watch(w, this::onEvent);
    watches.increment();
    currentWatch = watch;
    try {
      if (stopped) {
        return;
      }
      watch.terminated().toCompletableFuture().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ApiException api) {
        throw api;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    } finally {
      currentWatch = null;
      watch.close();
    }
  }

  private void onEvent(WatchEvent<T> event) {
    T raw = event.object();
    String rv = resourceVersion(raw);
    if (WatchEvent.BOOKMARK.equals(event.type())) {
      bookmarks.increment();
      if (rv != null && !rv.isEmpty()) {
        lastResourceVersion = rv;
      }
      return;
    }
    T obj = raw == null ? null : transformed(raw);
    switch (event.type()) {
      case WatchEvent.ADDED, WatchEvent.MODIFIED -> {
        lock.lock();
        try {
          if (stopped) {
            return;
          }
          T old = cache.put(obj);
          for (HandlerQueue<T> q : handlers) {
            if (old == null) {
              q.add(obj, false);
            } else {
              q.update(old, obj);
            }
          }
          setVersion(rv);
        } finally {
          lock.unlock();
        }
      }
      case WatchEvent.DELETED -> {
        lock.lock();
        try {
          if (stopped) {
            return;
          }
          T old = cache.remove(ObjectKey.of(obj));
          if (old != null) {
            for (HandlerQueue<T> q : handlers) {
              q.delete(obj, false);
            }
          }
          setVersion(rv);
        } finally {
          lock.unlock();
        }
      }
      default -> log.debug("{}: ignoring watch event {}", source.describe(), event.type());
    }
    watchEvents.increment();
  }

  /** The object after the transform; a transform that changes the class is a bug, reported. */
  @SuppressWarnings("unchecked")
  private T transformed(T obj) {
    Transform t = transform;
    KubernetesObject out = t.apply(obj);
    if (out == null || out.getClass() != obj.getClass()) {
      throw new IllegalStateException(
          "transform of "
              + source.describe()
              + " returned "
              + (out == null ? "null" : out.getClass().getName())
              + " for a "
              + obj.getClass().getName());
    }
    return (T) out;
  }

  private void setVersion(String rv) {
    if (rv != null && !rv.isEmpty()) {
      lastResourceVersion = rv;
    }
  }

  private static String resourceVersion(KubernetesObject o) {
    ObjectMeta m = o == null ? null : o.metadata();
    return m == null ? null : m.resourceVersion();
  }

  private void scheduleResync() {
    Duration period = options.resyncPeriod();
    if (period.isZero() || stopped) {
      return;
    }
    resyncTimer =
        clock.schedule(
            period,
            () -> {
              resync();
              scheduleResync();
            });
  }

  private void resync() {
    if (!hasSynced()) {
      return;
    }
    lock.lock();
    try {
      if (stopped) {
        return;
      }
      for (T obj : cache.list()) {
        for (HandlerQueue<T> q : handlers) {
          q.resync(obj);
        }
      }
      resyncs.increment();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "SharedInformer[" + source.describe() + ", " + options.scope() + "]";
  }
}
