package dev.keelson.watch;

import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.store.Store;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process event bus: one {@link WatchCache} per resource over one store, addressed by {@link
 * GroupResource}. Controllers embedded in the API server's JVM subscribe here and receive decoded
 * objects ({@link Event#object()}, or typed with {@link EventSink#typed}) with the same filters,
 * resume and 410 semantics as HTTP watchers, without any serialization on their path.
 *
 * <pre>{@code
 * EventBus bus = EventBus.over(store);
 * bus.register(WatchCacheConfig.builder(ResourceKeys.namespaced("", "pods"), "v1", "Pod").build());
 * Subscription s = bus.subscribe(GroupResource.of("", "pods"),
 *     WatchOptions.all().inNamespace("default").startingAt(StartAt.initialEvents()),
 *     EventSink.typed(Pod.class, (type, pod, event) -> queue.add(pod.metadata().name())));
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} closes every cache (ending their subscriptions normally); the
 * store stays open.
 */
public final class EventBus implements AutoCloseable {
  private final Store store;
  private final Map<GroupResource, WatchCache> caches = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private EventBus(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** A bus with no resources yet, over {@code store}. */
  public static EventBus over(Store store) {
    return new EventBus(store);
  }

  /**
   * Starts the cache of a resource.
   *
   * @throws IllegalStateException if the resource is already registered or the bus is closed
   */
  public WatchCache register(WatchCacheConfig config) {
    GroupResource gr = config.keys().groupResource();
    synchronized (caches) {
      if (closed) {
        throw new IllegalStateException("event bus is closed");
      }
      if (caches.containsKey(gr)) {
        throw new IllegalStateException(gr + " is already registered");
      }
      WatchCache cache = WatchCache.start(store, config);
      caches.put(gr, cache);
      return cache;
    }
  }

  /**
   * The cache of a registered resource.
   *
   * @throws NotFoundException if the resource is not registered
   */
  public WatchCache cache(GroupResource resource) {
    WatchCache c = caches.get(resource);
    if (c == null) {
      throw NotFoundException.of(GroupResource.of("", "resources"), resource.toString());
    }
    return c;
  }

  /** Subscribes to a registered resource; see {@link WatchCache#subscribe}. */
  public Subscription subscribe(GroupResource resource, WatchOptions options, EventSink sink) {
    return cache(resource).subscribe(options, sink);
  }

  /** Lists a registered resource; see {@link WatchCache#list}. */
  public ListResult list(GroupResource resource, ListOptions options) {
    return cache(resource).list(options);
  }

  @Override
  public void close() {
    synchronized (caches) {
      closed = true;
      caches.values().forEach(WatchCache::close);
    }
  }
}
