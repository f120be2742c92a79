package dev.keelson.net.proxy;

import dev.keelson.api.KubernetesObject;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.source.ResourceEventHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of kube-proxy and of node network daemons (kube-proxy's {@code BoundedFrequencyRunner}):
 * one thread that syncs a data plane with what informers hold. A change ({@link #poke}) asks for a
 * sync; syncs are at least {@code minInterval} apart, so a burst of changes is one sync; every
 * {@code fullInterval} a full sync comes even without a change. The first sync waits until every
 * informer named has listed, so a data plane never sees a half-known cluster; it is full. A failed
 * sync is retried after {@code minInterval}, in full, since what it left behind is unknown. Every
 * add, update and delete the informers see is a change.
 */
public final class SyncLoop implements AutoCloseable {
  /** One sync of the data plane. */
  @FunctionalInterface
  public interface Sync {
    /**
     * Syncs; a backend that writes only differences writes everything when {@code full}.
     *
     * @return whether it succeeded (a failure is retried)
     */
    boolean sync(boolean full);
  }

  private static final Logger LOG = LoggerFactory.getLogger(SyncLoop.class);

  private final Sync sync;
  private final List<SharedInformer<?>> informers;
  private final long minNanos;
  private final long fullNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final AtomicLong syncs = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Thread thread;
  private boolean dirty = true;
  private volatile boolean closed;

  private SyncLoop(
      String name,
      List<SharedInformer<?>> informers,
      Duration minInterval,
      Duration fullInterval,
      Sync sync) {
    if (minInterval.isNegative() || fullInterval.compareTo(minInterval) < 0) {
      throw new IllegalArgumentException("need 0 <= minInterval <= fullInterval");
    }
    this.sync = sync;
    this.informers = List.copyOf(informers);
    this.minNanos = minInterval.toNanos();
    this.fullNanos = fullInterval.toNanos();
    this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
  }

  /**
   * Starts a loop on a thread called {@code name} that follows {@code informers} (the caller starts
   * them, usually shared).
   *
   * @throws IllegalArgumentException unless {@code 0 <= minInterval <= fullInterval}
   */
  public static SyncLoop start(
      String name,
      List<SharedInformer<?>> informers,
      Duration minInterval,
      Duration fullInterval,
      Sync sync) {
    SyncLoop loop = new SyncLoop(name, informers, minInterval, fullInterval, sync);
    for (SharedInformer<?> i : loop.informers) {
      loop.pokedBy(i);
    }
    loop.thread.start();
    return loop;
  }

  private <T extends KubernetesObject> void pokedBy(SharedInformer<T> informer) {
    informer.addHandler(
        new ResourceEventHandler<>() {
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
        });
  }

  /** Asks for a sync: something the data plane follows changed. */
  public void poke() {
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

  private void run() {
    try {
      for (SharedInformer<?> i : informers) {
        while (!closed && !i.hasSynced()) {
          i.waitForSync(Duration.ofMillis(100));
        }
      }
      long lastSync = System.nanoTime() - minNanos;
      long lastFull = System.nanoTime() - fullNanos;
      boolean repair = false;
      while (!closed) {
        boolean full;
        lock.lock();
        try {
          long now = System.nanoTime();
          full = repair || now - lastFull >= fullNanos;
          long dueByRate = lastSync + minNanos - now;
          if (!dirty && !full) {
            changed.awaitNanos(lastFull + fullNanos - now);
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
        if (full) {
          lastFull = lastSync;
        }
        repair = !syncOnce(full);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean syncOnce(boolean full) {
    boolean ok;
    try {
      ok = sync.sync(full);
    } catch (RuntimeException e) {
      LOG.warn("{}: sync failed; retrying", thread.getName(), e);
      ok = false;
    }
    (ok ? syncs : failures).incrementAndGet();
    return ok;
  }

  /** Stops the loop (what the last sync wrote stays) and waits up to 5 s for its thread. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
