package dev.keelson.watch.internal;

import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.GoneException;
import dev.keelson.watch.Event;
import dev.keelson.watch.EventSink;
import dev.keelson.watch.EventType;
import dev.keelson.watch.StartAt;
import dev.keelson.watch.StoredObject;
import dev.keelson.watch.Subscription;
import dev.keelson.watch.WatchOptions;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;

/**
 * One subscription: a virtual thread reading the cache's window at its own cursor, filtering, and
 * calling its sink. See {@link CacheEngine} for how it meets the dispatcher.
 *
 * <p>Wake-up protocol (no lost wake-ups): the task sets {@link #waiting}, re-reads the published
 * state and parks only if there is still nothing to do; the dispatcher publishes the state, then
 * reads {@link #waiting} and unparks. Both fields are volatile, so one of the two sees the other's
 * write.
 */
final class SubscriberTask implements Subscription, Runnable {
  private final CacheEngine engine;
  private final WatchOptions options;
  private final EventSink sink;
  private final int limit;
  private final boolean filterless;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private volatile Thread thread;
  private volatile long cursor = -1;
  private volatile boolean waiting;
  private volatile boolean closeRequested;
  private volatile boolean overflowed;
  private volatile Instant deadline;
  private volatile Instant nextBookmark;
  private long epoch;
  private long delivered; // this task's deliveries not yet added to the shared counter

  SubscriberTask(CacheEngine engine, WatchOptions options, EventSink sink) {
    this.engine = engine;
    this.options = options;
    this.sink = sink;
    int buffer =
        options.bufferEvents() == 0 ? engine.config.bufferEvents() : options.bufferEvents();
    this.limit = Math.min(buffer, engine.windowCapacity());
    this.filterless =
        options.namespace() == null
            && options.labelSelector().matchesEverything()
            && options.fieldSelector().matchesEverything();
  }

  void start(long epoch) {
    this.epoch = epoch;
    Instant now = engine.config.clock().instant();
    if (!options.timeout().isZero()) {
      deadline = now.plus(options.timeout());
    }
    if (options.bookmarks()) {
      nextBookmark = now.plus(engine.config.bookmarkInterval());
    }
    Thread t = Thread.ofVirtual().name("watch-" + engine.config.keys().resource()).unstarted(this);
    thread = t;
    t.start();
  }

  long epoch() {
    return epoch;
  }

  @Override
  public CompletionStage<Void> terminated() {
    return terminated;
  }

  @Override
  public void close() {
    closeRequested = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** Called by the dispatcher after each publication. */
  void onPublished(State s) {
    long c = cursor;
    if (c >= 0 && s.head() - c > limit && !overflowed) {
      overflowed = true;
      LockSupport.unpark(thread);
    } else if (waiting) {
      LockSupport.unpark(thread);
    }
  }

  /** Called by the timer with the clock's time. */
  void onTimer(Instant now) {
    if (waiting && timerDue(now)) {
      LockSupport.unpark(thread);
    }
  }

  private boolean timerDue(Instant now) {
    Instant d = deadline;
    Instant b = nextBookmark;
    return (d != null && !now.isBefore(d)) || (b != null && !now.isBefore(b));
  }

  // ---------------------------------------------------------------- the thread

  @Override
  public void run() {
    Throwable failure = null;
    try {
      if (position()) {
        loop();
      }
    } catch (Ended e) {
      if (e.error != null) {
        try {
          sink.accept(Event.error(e.error.status()));
          delivered++;
        } catch (Exception ignored) {
          // The subscription ends either way.
        }
        failure = e.error;
      }
    } catch (Throwable t) {
      failure = t;
    } finally {
      flushCount();
      engine.remove(this);
    }
    if (failure == null) {
      terminated.complete(null);
    } else {
      terminated.completeExceptionally(failure);
    }
  }

  /** Positions the cursor and sends initial events; false if the subscription already ended. */
  private boolean position() throws Exception {
    StartAt start = options.start();
    if (start instanceof StartAt.After after) {
      long rv = after.resourceVersion();
      while (true) {
        State s = engine.awaitRevision(rv, engine.config.listWaitTimeout());
        if (closeRequested || engine.isClosed()) {
          return false;
        }
        if (s.revision() < rv) {
          throw new Ended(Lister.tooLarge(rv, s.revision()));
        }
        if (rv < s.baseRevision()) {
          engine.counters.endedByExpired.increment();
          throw new Ended(
              GoneException.expired(
                  "too old resource version: " + rv + " (" + s.baseRevision() + ")"));
        }
        long first = engine.firstSeqAfter(s, rv);
        if (first >= 0) {
          cursor = first;
          return true;
        }
        // The window moved while searching: look again (possibly now 410).
      }
    }
    State s = engine.state();
    cursor = s.head();
    if (start instanceof StartAt.InitialState initial) {
      Iterator<StoredObject> it = initialObjects(s);
      while (it.hasNext()) {
        StoredObject o = it.next();
        if (options.namespace() != null && !o.namespace().equals(options.namespace())) {
          break; // past the namespace's key range
        }
        if (closeRequested) {
          return false;
        }
        if (overflowed) {
          throw overflow(s.head());
        }
        if (filterless || options.matches(o)) {
          emit(o.event(EventType.ADDED));
        }
      }
      if (initial.endBookmark()) {
        emit(Event.bookmark(engine.config.apiVersion(), engine.config.kind(), s.revision(), true));
        engine.counters.bookmarksDelivered.increment();
      }
    }
    return true;
  }

  private Iterator<StoredObject> initialObjects(State s) {
    if (options.namespace() != null && engine.config.keys().namespaced()) {
      return s.root().valuesFrom(engine.config.keys().prefix(options.namespace()));
    }
    return s.root().valuesAfter(null);
  }

  private void loop() throws Exception {
    while (true) {
      if (closeRequested) {
        return;
      }
      State s = engine.state();
      long c = cursor;
      if (c < s.head()) {
        if (overflowed || s.head() - c > limit) {
          throw overflow(s.head());
        }
        Entry e = engine.entry(c);
        if (e == null) {
          throw overflow(s.head());
        }
        deliver(e);
        cursor = c + 1;
        continue;
      }
      if (overflowed) {
        throw overflow(s.head());
      }
      Instant now = engine.config.clock().instant();
      Instant d = deadline;
      if (d != null && !now.isBefore(d)) {
        return; // timeout: a clean end
      }
      Instant b = nextBookmark;
      if (b != null && !now.isBefore(b)) {
        emit(engine.bookmark(s.revision()));
        engine.counters.bookmarksDelivered.increment();
        nextBookmark = now.plus(engine.config.bookmarkInterval());
        continue;
      }
      flushCount();
      waiting = true;
      if (!closeRequested
          && !overflowed
          && engine.state().head() <= cursor
          && !timerDue(engine.config.clock().instant())) {
        LockSupport.park(this);
      }
      waiting = false;
    }
  }

  /** Delivers one window event as this subscription's filters see it (kube-apiserver's rules). */
  private void deliver(Entry e) throws Exception {
    StoredObject current = e.current();
    if (filterless) {
      emit(
          current.event(
              e.deleted()
                  ? EventType.DELETED
                  : e.previous() == null ? EventType.ADDED : EventType.MODIFIED));
      return;
    }
    if (e.deleted()) {
      if (options.matches(current)) {
        emit(current.event(EventType.DELETED));
      }
      return;
    }
    boolean now = options.matches(current);
    boolean before = e.previous() != null && options.matches(e.previous());
    if (now && before) {
      emit(current.event(EventType.MODIFIED));
    } else if (now) {
      emit(current.event(EventType.ADDED));
    } else if (before) {
      emit(current.event(EventType.DELETED));
    }
  }

  private void emit(Event event) throws Exception {
    sink.accept(event);
    if (++delivered >= 1024) {
      flushCount();
    }
  }

  private void flushCount() {
    if (delivered > 0) {
      engine.counters.eventsDelivered.add(delivered);
      delivered = 0;
    }
  }

  private Ended overflow(long head) {
    engine.counters.endedByOverflow.increment();
    String resource = engine.config.keys().groupResource().toString();
    return new Ended(
        GoneException.expired(
            "watch of "
                + resource
                + " fell more than "
                + limit
                + " events behind (cache at event "
                + head
                + "); list again and watch from the list's resource version"));
  }

  /** Ends the thread, with an error event first when {@code error} is set. */
  private static final class Ended extends Exception {
    final ApiException error;

    Ended(ApiException error) {
      super(null, null, false, false);
      this.error = error;
    }
  }
}
