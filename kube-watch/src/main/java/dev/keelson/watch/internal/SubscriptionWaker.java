package dev.keelson.watch.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes the subscriptions of one {@link CacheEngine} when the engine publishes events, at most once
 * per {@code wakeInterval}: one round covers every event published since the previous one, so the
 * number of thread wake-ups does not grow with the write rate. Each round tells every {@link
 * SubscriberTask} the new state, where the round started and which namespaces it touched (so that
 * subscriptions of other namespaces need not wake); a task that fell more than its buffer behind is
 * told there to end with 410 Expired.
 *
 * <p><b>Threading.</b> {@link #run} is the body of the engine's waker virtual thread, the only
 * thread that reads or writes {@link #roundHead}. {@link #requestWake} is called by the engine's
 * upstream listener after it has published a new state (outside the engine's {@code applyLock});
 * {@link #stop} by {@link CacheEngine#close()} after it has set the engine closed. The waker takes
 * no lock: the hand-off is the two volatile flags with park/unpark, and a request that races the
 * waker going idle is seen by its re-check of {@link #wakePending} after it sets {@link
 * #wakerIdle}.
 */
final class SubscriptionWaker {
  private final CacheEngine engine;
  private Thread thread;
  private volatile boolean wakePending;
  private volatile boolean wakerIdle;
  private long roundHead; // waker thread only: the head its previous round covered

  SubscriptionWaker(CacheEngine engine) {
    this.engine = engine;
  }

  /** Starts the waker thread. */
  void start(String name) {
    thread = Thread.ofVirtual().name(name).start(this::run);
  }

  /** Asks for a round: a new state has been published. */
  void requestWake() {
    wakePending = true;
    if (wakerIdle) {
      LockSupport.unpark(thread);
    }
  }

  /** Unparks the waker thread so that it sees the engine closed and ends. */
  void stop() {
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    long interval = engine.config.wakeInterval().toNanos();
    while (!engine.isClosed()) {
      if (!wakePending) {
        wakerIdle = true;
        if (!wakePending && !engine.isClosed()) {
          LockSupport.park(engine);
        }
        wakerIdle = false;
        continue;
      }
      wakePending = false;
      State s = engine.state();
      long from = roundHead;
      List<String> touched = namespacesBetween(s, from);
      roundHead = s.head();
      for (SubscriberTask t : engine.tasks) {
        t.onPublished(s, from, touched);
      }
      long until = System.nanoTime() + interval;
      long left;
      while ((left = until - System.nanoTime()) > 0 && !engine.isClosed()) {
        LockSupport.parkNanos(left);
      }
    }
  }

  /**
   * The (interned) namespaces of the events in {@code [from, s.head())}, or {@code null} when
   * unknown (the range left the ring) or too many to be worth checking.
   */
  private List<String> namespacesBetween(State s, long from) {
    if (from < s.oldest()) {
      return null;
    }
    List<String> out = new ArrayList<>(4);
    for (long seq = from; seq < s.head(); seq++) {
      Entry e = engine.entry(seq);
      if (e == null) {
        return null;
      }
      String ns = e.namespace();
      boolean seen = false;
      for (String n : out) {
        if (n == ns) {
          seen = true;
          break;
        }
      }
      if (!seen) {
        if (out.size() == 16) {
          return null;
        }
        out.add(ns);
      }
    }
    return out;
  }
}
