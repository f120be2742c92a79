package dev.keelson.watch;

import dev.keelson.store.Store;
import dev.keelson.watch.internal.CacheEngine;
import java.time.Duration;

/**
 * The watch cache of one resource: one upstream store watch on the resource's key prefix feeds the
 * current objects and a bounded window of recent events; every subscriber and every list is served
 * from it, so that one store watch serves thousands of clients.
 *
 * <p><b>Serialize once.</b> Each change is decoded once into a {@link StoredObject} (object view
 * with {@code metadata.resourceVersion} set to the store revision, labels, selectable fields) and
 * serialized once; every subscriber receives the same {@link Event} instances, whose {@link
 * Event#json()} bytes an HTTP watch writes verbatim and whose {@link Event#object()} in-process
 * consumers read without any serialization.
 *
 * <p><b>Ordering.</b> Each subscription receives events in store-revision order, each change at
 * most once, none skipped, filtered as kube-apiserver does: an object that starts matching the
 * subscription's filters arrives as ADDED, one that stops matching as DELETED (carrying its new
 * state), a deletion as DELETED carrying the last state with the deletion's revision.
 *
 * <p><b>Window and resume.</b> The window holds the last {@link WatchCacheConfig#windowEvents()}
 * events, none older than {@link WatchCacheConfig#windowAge()}. A subscription starting after
 * revision {@code r} replays the events newer than {@code r} if every such event is still in the
 * window (the oldest resumable revision is the revision of the newest evicted event); otherwise it
 * gets an ERROR event {@code 410 Expired "too old resource version: r (oldest)"} and ends.
 *
 * <p><b>Slow subscribers.</b> The window is the only buffer. A subscription whose sink has fallen
 * more than its buffer ({@link WatchOptions#bufferEvents()}, default {@link
 * WatchCacheConfig#bufferEvents()}) behind is ended with an ERROR event {@code 410 Expired} (the
 * client lists again, as after any 410) as soon as its sink returns; it never delays the dispatcher
 * or other subscriptions, and memory does not grow with it. Counted in {@link
 * WatchMetrics#endedByOverflow()}.
 *
 * <p><b>Threading.</b> Thread-safe. Each subscription runs on a virtual thread of its own; the
 * dispatcher is the store watch's delivery thread; a timer thread wakes subscriptions for bookmarks
 * and timeouts. Lists run on the caller's thread.
 *
 * <p><b>Failure and shutdown.</b> If the upstream watch fails (for example its revision was
 * compacted), the cache lists the store again, ends every subscription normally (clients resume
 * from their last resource version) and watches again. {@link #close()} ends every subscription
 * normally and stops the upstream watch; the store is not closed.
 */
public final class WatchCache implements AutoCloseable {
  private final WatchCacheConfig config;
  private final CacheEngine engine;

  private WatchCache(WatchCacheConfig config, CacheEngine engine) {
    this.config = config;
    this.engine = engine;
  }

  /**
   * Lists the resource from {@code store} and starts watching it. Returns once the cache holds the
   * state at the store's revision of that list.
   *
   * @throws dev.keelson.store.StoreException if the initial list fails
   */
  public static WatchCache start(Store store, WatchCacheConfig config) {
    return new WatchCache(config, CacheEngine.start(store, config));
  }

  /**
   * Starts a subscription. Delivery begins on the subscription's own thread; failures (410, 504)
   * arrive as a final ERROR event and through {@link Subscription#terminated()}, never thrown.
   *
   * @throws IllegalStateException if the cache is closed
   */
  public Subscription subscribe(WatchOptions options, EventSink sink) {
    return engine.subscribe(options, sink);
  }

  /**
   * Lists objects, from the cache whenever it can (see {@link ListOptions} for the resource version
   * semantics).
   *
   * @throws dev.keelson.api.errors.GoneException 410 Expired for a continue token or exact resource
   *     version that is no longer available
   * @throws dev.keelson.api.errors.ApiTimeoutException 504 when a requested resource version is not
   *     reached within {@link WatchCacheConfig#listWaitTimeout()}
   * @throws dev.keelson.api.errors.BadRequestException for an invalid resource version or token
   */
  public ListResult list(ListOptions options) {
    return engine.list(options);
  }

  /**
   * The object stored at {@code key} (its full store key), as the cache holds it now: what a list
   * at resourceVersion 0 would return for it, without waiting and without listing.
   *
   * @throws IllegalStateException if the cache is closed
   */
  public java.util.Optional<StoredObject> get(String key) {
    return java.util.Optional.ofNullable(engine.get(key));
  }

  /** The cache's revision: every change up to it has been applied. */
  public long revision() {
    return engine.revision();
  }

  /** A snapshot of the cache's counters. */
  public WatchMetrics metrics() {
    return engine.metrics();
  }

  public WatchCacheConfig config() {
    return config;
  }

  /** Waits for every subscription's thread to finish (after {@link #close()}); false on timeout. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return engine.awaitSubscriptionsEnded(timeout);
  }

  /** Stops the upstream watch and ends every subscription normally. Idempotent. */
  @Override
  public void close() {
    engine.close();
  }
}
