package dev.keelson.controller.informer;

import dev.keelson.api.KubernetesObject;
import dev.keelson.controller.cache.ObjectKey;
import dev.keelson.controller.source.ResourceEventHandler;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buffer between an informer and one handler, drained by the handler's own virtual thread, so
 * that a slow handler delays nobody else.
 *
 * <p>The buffer holds at most one pending entry per object key: a notification for an object that
 * already has one merges into it (the handler gets the net change: what it last saw and the newest
 * state). It therefore never fills and never blocks the informer; its size is bounded by the number
 * of objects the handler lags behind on (at most the cache size plus deletions not yet delivered).
 * A lagging handler sees fewer, coalesced notifications, which level-based controllers handle by
 * design. An object that came and went while the handler lagged is still reported, as an add then a
 * delete: dropping both would leave a controller that reacts to the deletion untold.
 */
final class HandlerQueue<T extends KubernetesObject> {
  private static final Logger log = LoggerFactory.getLogger(HandlerQueue.class);

  private final ResourceEventHandler<T> handler;
  private final LongAdder coalesced;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final LinkedHashMap<ObjectKey, Entry<T>> pending = new LinkedHashMap<>();
  private final Thread thread;
  private boolean closed;
  private boolean busy;

  HandlerQueue(ResourceEventHandler<T> handler, LongAdder coalesced, String name) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.coalesced = coalesced;
    this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** What the handler last saw ({@code seen}), the newest state ({@code current}), and flags. */
  private static final class Entry<T> {
    T seen;
    T current;
    T tombstone;
    boolean initial;
    boolean finalStateUnknown;
  }

  void add(T obj, boolean initial) {
    offer(
        ObjectKey.of(obj),
        e -> {
          e.current = obj;
          e.initial = initial;
        },
        null);
  }

  void update(T old, T obj) {
    offer(ObjectKey.of(obj), e -> e.current = obj, old);
  }

  void delete(T obj, boolean finalStateUnknown) {
    offer(
        ObjectKey.of(obj),
        e -> {
          e.current = null;
          e.tombstone = obj;
          e.finalStateUnknown = finalStateUnknown;
        },
        obj);
  }

  /** A resync: re-deliver {@code obj} unless a notification for it is already pending. */
  void resync(T obj) {
    ObjectKey key = ObjectKey.of(obj);
    lock.lock();
    try {
      if (closed || pending.containsKey(key)) {
        return;
      }
      Entry<T> e = new Entry<>();
      e.seen = obj;
      e.current = obj;
      pending.put(key, e);
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  private void offer(ObjectKey key, java.util.function.Consumer<Entry<T>> change, T seen) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      Entry<T> e = pending.get(key);
      if (e == null) {
        e = new Entry<>();
        e.seen = seen;
        pending.put(key, e);
        notEmpty.signal();
      } else {
        coalesced.increment();
      }
      change.accept(e);
    } finally {
      lock.unlock();
    }
  }

  /** Notifications not yet delivered (objects with a pending entry). */
  int pending() {
    lock.lock();
    try {
      return pending.size() + (busy ? 1 : 0);
    } finally {
      lock.unlock();
    }
  }

  void close() {
    lock.lock();
    try {
      closed = true;
      pending.clear();
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (true) {
      Entry<T> e;
      lock.lock();
      try {
        busy = false;
        while (pending.isEmpty() && !closed) {
          notEmpty.awaitUninterruptibly();
        }
        if (closed) {
          return;
        }
        Iterator<Map.Entry<ObjectKey, Entry<T>>> it = pending.entrySet().iterator();
        e = it.next().getValue();
        it.remove();
        busy = true;
      } finally {
        lock.unlock();
      }
      try {
        deliver(e);
      } catch (RuntimeException | Error x) {
        log.warn("event handler {} failed: {}", handler, x.toString());
        log.debug("event handler failure", x);
      }
    }
  }

  private void deliver(Entry<T> e) {
    if (e.seen == null) {
      if (e.current != null) {
        handler.onAdd(e.current, e.initial);
      } else if (e.tombstone != null) {
        // Added and deleted before the handler took either. It still hears of both: a controller
        // that made the object (or counts on seeing it) must learn that it is gone, or nothing
        // queues the reconcile that makes it again.
        handler.onAdd(e.tombstone, e.initial);
        handler.onDelete(e.tombstone, e.finalStateUnknown);
      }
      return;
    }
    if (e.current == null) {
      handler.onDelete(e.tombstone != null ? e.tombstone : e.seen, e.finalStateUnknown);
      return;
    }
    if (!Objects.equals(uid(e.seen), uid(e.current))) {
      // Deleted and created again under the same name while the handler lagged.
      handler.onDelete(e.tombstone != null ? e.tombstone : e.seen, e.finalStateUnknown);
      handler.onAdd(e.current, false);
      return;
    }
    handler.onUpdate(e.seen, e.current);
  }

  private static String uid(KubernetesObject o) {
    return o.metadata() == null ? null : o.metadata().uid();
  }
}
