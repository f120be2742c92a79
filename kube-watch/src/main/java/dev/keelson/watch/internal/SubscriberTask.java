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
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
  private static final VarHandle CURSOR;

  static {
    try {
      CURSOR = MethodHandles.lookup().findVarHandle(SubscriberTask.class, "cursor", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final CacheEngine engine;
  private final WatchOptions options;
  private final EventSink sink;
  private final int limit;
  private final boolean filterless;
  private final String namespace; // interned, or null for all namespaces
  private final boolean selectorless;
  // The chain (see Entry) holding every event this subscription can match, or null for all.
  private final String chain;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private volatile Thread thread;
  private volatile long cursor = -1;
  private volatile boolean waiting;
  private volatile boolean closeRequested;
  private volatile boolean overflowed;
  private volatile Instant deadline;
  private volatile Instant nextBookmark;
  private long epoch;
  private State startState; // for now() and initial-state starts: the state at subscribe time
  private long delivered; // this task's deliveries not yet added to the shared counter

  SubscriberTask(CacheEngine engine, WatchOptions options, EventSink sink) {
    this.engine = engine;
    this.options = options;
    this.sink = sink;
    int buffer =
        options.bufferEvents() == 0 ? engine.config.bufferEvents() : options.bufferEvents();
    this.limit = Math.min(buffer, engine.windowCapacity());
    this.namespace = options.namespace(); // WatchOptions interns it
    this.selectorless =
        options.labelSelector().matchesEverything() && options.fieldSelector().matchesEverything();
    this.filterless = namespace == null && selectorless;
    Map.Entry<String, String> label = options.labelSelector().requiredEquality();
    this.chain =
        namespace != null
            ? namespace
            : label != null ? Entry.labelChain(label.getKey(), label.getValue()) : null;
  }

  void start(long epoch) {
    this.epoch = epoch;
    if (!(options.start() instanceof StartAt.After)) {
      // "Now" is when subscribe() was called, not when the thread first runs.
      startState = engine.state();
      cursor = startState.head();
    }
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

  /**
   * Called by the waker after events up to {@code s.head()} were published; {@code touched} are the
   * namespaces of the events since {@code from} (null if unknown). A waiting subscription with a
   * namespace none of them is in is not woken: its cursor is moved past them instead (it would have
   * skipped them), so idle namespaces cost no thread wake-ups.
   */
  void onPublished(State s, long from, List<String> touched) {
    long c = cursor;
    if (c >= 0 && s.head() - c > limit && !overflowed) {
      overflowed = true;
      LockSupport.unpark(thread);
    } else if (waiting) {
      if (namespace != null && touched != null && c >= from && c < s.head()) {
        boolean mine = false;
        for (String n : touched) {
          if (n == namespace) {
            mine = true;
            break;
          }
        }
        if (!mine) {
          // Fails harmlessly if the thread moved the cursor itself in the meantime.
          CURSOR.compareAndSet(this, c, s.head());
          return;
        }
      }
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
      boolean positioned = position();
      startState = null; // do not pin an old snapshot for the subscription's lifetime
      if (positioned) {
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
    State s = startState;
    if (start instanceof StartAt.InitialState initial) {
      if (initial.consistent()) {
        // Catch up with writes that completed before the watch started; events between the old
        // and the new head are part of the newer state, so the cursor moves with it.
        State fresh =
            engine.awaitRevision(
                engine.store.currentRevision(), engine.config.consistentReadWait());
        if (closeRequested || engine.isClosed()) {
          return false;
        }
        if (fresh.revision() > s.revision()) {
          s = fresh;
          startState = fresh;
          cursor = fresh.head();
        }
      }
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
        // Counted before delivery, so that whoever sees the bookmark also sees it counted.
        engine.counters.bookmarksDelivered.increment();
        emit(Event.bookmark(engine.config.apiVersion(), engine.config.kind(), s.revision(), true));
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
      long head = s.head();
      if (c < head) {
        if (overflowed || head - c > limit) {
          throw overflow(head);
        }
        // One batch up to the published head; the shared cursor is updated every 64 events so
        // that the waker's lag check stays close without a volatile write per event. A
        // subscription with a chain (see Entry) follows the chain's links from its first event on,
        // skipping the other events without reading them.
        int visited = 0;
        while (c < head) {
          Entry e = engine.entry(c);
          if (e == null) {
            throw overflow(engine.state().head());
          }
          if (chain == null) {
            deliver(e);
            c++;
          } else {
            int i = e.chainIndex(chain);
            if (i < 0) {
              c++; // cannot match: scanning to the chain's first event
            } else {
              deliver(e);
              long next = e.next(i);
              // NONE: no later event of this chain exists in the published state (it would have
              // been linked before that state was published); UNKNOWN: scan on.
              c = next == Entry.NONE ? head : next == Entry.UNKNOWN ? c + 1 : Math.min(next, head);
            }
          }
          if ((++visited & 63) == 0) {
            cursor = c;
            if (closeRequested || overflowed) {
              break;
            }
          }
        }
        cursor = c;
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
        engine.counters.bookmarksDelivered.increment(); // before delivery, as above
        emit(engine.bookmark(s.revision()));
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
    // Namespaces are interned on both sides: identity is equality. The namespace of an object
    // never changes (it is part of the key), so it decides for old and new state at once.
    if (namespace != null && e.namespace() != namespace) {
      return;
    }
    if (e.deleted()) {
      if (selectorless || selected(current)) {
        emit(current.event(EventType.DELETED));
      }
      return;
    }
    boolean now = selectorless || selected(current);
    boolean before = e.previous() != null && (selectorless || selected(e.previous()));
    if (now && before) {
      emit(current.event(EventType.MODIFIED));
    } else if (now) {
      emit(current.event(EventType.ADDED));
    } else if (before) {
      emit(current.event(EventType.DELETED));
    }
  }

  private boolean selected(StoredObject o) {
    return (options.labelSelector().matchesEverything()
            || options.labelSelector().matches(o.labels()))
        && (options.fieldSelector().matchesEverything()
            || options.fieldSelector().matches(o.fields()));
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
