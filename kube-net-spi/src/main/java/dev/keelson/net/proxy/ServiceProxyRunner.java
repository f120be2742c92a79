package dev.keelson.net.proxy;

import dev.keelson.api.core.v1.Service;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.source.ResourceEventHandler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-proxy's loop: watches Services and EndpointSlices through shared informers and syncs a
 * {@link ServiceProxy} with the whole state whenever something changed, at most once per {@code
 * minSyncPeriod} (a burst of changes is one sync) and at least once per {@code syncPeriod}. The
 * first sync waits until both informers have listed, so the data plane never sees a half-known
 * cluster. A failed sync is retried after {@code minSyncPeriod}.
 */
public final class ServiceProxyRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceProxyRunner.class);

  private final ServiceProxy proxy;
  private final String family;
  private final SharedInformer<Service> services;
  private final SharedInformer<EndpointSlice> slices;
  private final long minSyncNanos;
  private final long syncPeriodNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final AtomicLong syncs = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Thread thread;
  private boolean dirty = true;
  private volatile boolean closed;
  private volatile ServiceProxy.SyncResult last;

  private ServiceProxyRunner(
      ServiceProxy proxy,
      String family,
      InformerFactory informers,
      Duration minSyncPeriod,
      Duration syncPeriod) {
    this.proxy = proxy;
    this.family = family;
    this.services = informers.informer(Service.class);
    this.slices = informers.informer(EndpointSlice.class);
    this.minSyncNanos = minSyncPeriod.toNanos();
    this.syncPeriodNanos = syncPeriod.toNanos();
    this.thread = Thread.ofPlatform().daemon().name("service-proxy-sync").unstarted(this::run);
  }

  /**
   * Starts syncing {@code proxy} for {@code family} from {@code informers} (started by the caller,
   * usually shared).
   *
   * @param minSyncPeriod the least time between two syncs (kube-proxy: 1 s)
   * @param syncPeriod the most time between two syncs (kube-proxy: 30 s)
   */
  public static ServiceProxyRunner start(
      ServiceProxy proxy,
      String family,
      InformerFactory informers,
      Duration minSyncPeriod,
      Duration syncPeriod) {
    if (minSyncPeriod.isNegative() || syncPeriod.compareTo(minSyncPeriod) < 0) {
      throw new IllegalArgumentException("need 0 <= minSyncPeriod <= syncPeriod");
    }
    ServiceProxyRunner r =
        new ServiceProxyRunner(proxy, family, informers, minSyncPeriod, syncPeriod);
    r.services.addHandler(r.poker());
    r.slices.addHandler(r.poker());
    r.thread.start();
    return r;
  }

  /** A handler that marks the state dirty on every notification. */
  private <T> ResourceEventHandler<T> poker() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj, boolean isInInitialList) {
        poke();
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        poke();
      }

      @Override
      public void onDelete(T obj, boolean finalStateUnknown) {
        poke();
      }
    };
  }

  private void poke() {
    lock.lock();
    try {
      dirty = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** How many syncs succeeded. */
  public long syncs() {
    return syncs.get();
  }

  /** How many syncs failed. */
  public long failures() {
    return failures.get();
  }

  /** What the last successful sync did, or {@code null} before the first. */
  public ServiceProxy.SyncResult lastSync() {
    return last;
  }

  private void run() {
    try {
      while (!closed && !(services.hasSynced() && slices.hasSynced())) {
        services.waitForSync(Duration.ofMillis(100));
        slices.waitForSync(Duration.ofMillis(100));
      }
      long lastSync = System.nanoTime() - minSyncNanos;
      while (!closed) {
        lock.lock();
        try {
          long now = System.nanoTime();
          long dueByPeriod = lastSync + syncPeriodNanos - now;
          long dueByRate = lastSync + minSyncNanos - now;
          if (!dirty && dueByPeriod > 0) {
            changed.awaitNanos(dueByPeriod);
            continue;
          }
          if (dueByRate > 0) {
            changed.awaitNanos(dueByRate);
            continue;
          }
          dirty = false;
        } finally {
          lock.unlock();
        }
        lastSync = System.nanoTime();
        try {
          last =
              proxy.sync(ProxyState.of(family, services.indexer().list(), slices.indexer().list()));
          syncs.incrementAndGet();
        } catch (RuntimeException e) {
          failures.incrementAndGet();
          LOG.warn("service proxy sync failed; retrying", e);
          poke();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops syncing (the rules stay) and closes the backend. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    proxy.close();
  }
}
