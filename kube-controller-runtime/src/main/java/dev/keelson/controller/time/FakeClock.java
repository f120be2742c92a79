package dev.keelson.controller.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A clock that only moves when a test moves it. Timers whose time has come run on the thread that
 * calls {@link #advance} or {@link #set}, in due-time order (ties in scheduling order), including
 * timers that those tasks schedule within the advanced span. Thread-safe: other threads may
 * schedule and cancel while a test advances.
 */
public final class FakeClock implements Clock {
  private final PriorityQueue<Entry> pending =
      new PriorityQueue<>(
          (a, b) ->
              a.dueNanos != b.dueNanos
                  ? Long.compare(a.dueNanos, b.dueNanos)
                  : Long.compare(a.seq, b.seq));
  private final Instant origin;
  private long nanos; // since origin; guarded by this
  private long seq; // guarded by this

  /** A fake clock starting at {@code start}. */
  public FakeClock(Instant start) {
    this.origin = Objects.requireNonNull(start, "start");
  }

  /** A fake clock starting at 2024-01-01T00:00:00Z. */
  public FakeClock() {
    this(Instant.parse("2024-01-01T00:00:00Z"));
  }

  @Override
  public synchronized Instant instant() {
    return origin.plusNanos(nanos);
  }

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public synchronized Timer schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(task, "task");
    long d = Math.max(0, SystemClock.saturatedNanos(delay));
    long due = nanos + d < nanos ? Long.MAX_VALUE : nanos + d;
    Entry e = new Entry(due, seq++, task);
    pending.add(e);
    return () -> {
      synchronized (FakeClock.this) {
        return pending.remove(e);
      }
    };
  }

  /**
   * Moves time forward by {@code step}, running every timer that falls due on the way, each with
   * the clock set to its due time.
   */
  public void advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("a clock does not go back: " + step);
    }
    long target;
    synchronized (this) {
      long s = SystemClock.saturatedNanos(step);
      target = nanos + s < nanos ? Long.MAX_VALUE : nanos + s;
    }
    runUntil(target);
  }

  /** Moves time forward to {@code instant} (which must not be in the clock's past). */
  public void set(Instant instant) {
    long target;
    synchronized (this) {
      target = Duration.between(origin, instant).toNanos();
      if (target < nanos) {
        throw new IllegalArgumentException("a clock does not go back: " + instant);
      }
    }
    runUntil(target);
  }

  /** Runs the timers that are due now (delay zero) without moving time. */
  public void runDue() {
    long now;
    synchronized (this) {
      now = nanos;
    }
    runUntil(now);
  }

  /** How many timers are waiting. */
  public synchronized int pendingTimers() {
    return pending.size();
  }

  /** When the next timer falls due, if any. */
  public synchronized Optional<Instant> nextTimerAt() {
    Entry e = pending.peek();
    return e == null ? Optional.empty() : Optional.of(origin.plusNanos(e.dueNanos));
  }

  private void runUntil(long target) {
    while (true) {
      Entry next;
      synchronized (this) {
        next = pending.peek();
        if (next == null || next.dueNanos > target) {
          nanos = Math.max(nanos, target);
          return;
        }
        pending.poll();
        nanos = Math.max(nanos, next.dueNanos);
      }
      next.task.run();
    }
  }

  /** Snapshot of the due times of waiting timers, soonest first (for assertions). */
  public synchronized List<Instant> pendingDueTimes() {
    List<Entry> copy = new ArrayList<>(pending);
    copy.sort(pending.comparator());
    List<Instant> out = new ArrayList<>();
    for (Entry e : copy) {
      out.add(origin.plusNanos(e.dueNanos));
    }
    return out;
  }

  private record Entry(long dueNanos, long seq, Runnable task) {}
}
