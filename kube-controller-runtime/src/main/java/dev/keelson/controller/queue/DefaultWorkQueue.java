package dev.keelson.controller.queue;

import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one implementation of the three queue layers. State, all guarded by {@code lock}:
 *
 * <ul>
 *   <li>{@code queue}: items waiting to be handed out, in order;
 *   <li>{@code dirty}: items that must be processed (every queued item, plus processing items added
 *       again);
 *   <li>{@code processing}: items handed out and not yet done, with their start time;
 *   <li>{@code delayed}: items waiting for a delay, with their timer.
 * </ul>
 *
 * Invariants: {@code queue} and {@code processing} are disjoint; every queued item is dirty; an
 * item that is dirty and processing is queued again by {@code done}.
 */
final class DefaultWorkQueue<T> implements RateLimitingQueue<T>, QueueMetrics.InFlight {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition idle = lock.newCondition();
  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private final Set<T> dirty = new HashSet<>();
  private final Map<T, Long> processing = new HashMap<>();
  private final Map<T, Long> addedAt = new HashMap<>();
  private final Map<T, Delayed> delayed = new HashMap<>();
  private final Clock clock;
  private final int maxDepth;
  private final QueueMetrics metrics;
  private final RateLimiter<? super T> limiter;
  private boolean shuttingDown;

  DefaultWorkQueue(QueueOptions options, RateLimiter<? super T> limiter) {
    Objects.requireNonNull(options, "options");
    this.clock = options.clock();
    this.maxDepth = options.maxDepth();
    this.metrics = options.metrics().forQueue(options.name());
    this.limiter = limiter;
    metrics.bind(this);
  }

  @Override
  public boolean add(T item) {
    Objects.requireNonNull(item, "item");
    lock.lock();
    try {
      if (shuttingDown) {
        return false;
      }
      if (dirty.contains(item)) {
        return true;
      }
      if (dirty.size() + delayed.size() >= maxDepth) {
        metrics.rejected();
        return false;
      }
      metrics.added();
      dirty.add(item);
      addedAt.put(item, clock.nanoTime());
      if (!processing.containsKey(item)) {
        queue.addLast(item);
        metrics.depth(queue.size());
        notEmpty.signal();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int len() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public T get() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (queue.isEmpty() && !shuttingDown) {
        notEmpty.await();
      }
      return take();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public T get(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lockInterruptibly();
    try {
      while (queue.isEmpty() && !shuttingDown && nanos > 0) {
        nanos = notEmpty.awaitNanos(nanos);
      }
      return take();
    } finally {
      lock.unlock();
    }
  }

  /** Hands out the head of the queue, or null if it is empty. Holds the lock. */
  private T take() {
    T item = queue.pollFirst();
    if (item == null) {
      if (shuttingDown) {
        notEmpty.signalAll(); // let every other worker see the end too
      }
      return null;
    }
    long now = clock.nanoTime();
    Long added = addedAt.remove(item);
    if (added != null) {
      metrics.queueLatency(Duration.ofNanos(now - added));
    }
    dirty.remove(item);
    processing.put(item, now);
    metrics.depth(queue.size());
    return item;
  }

  @Override
  public void done(T item) {
    lock.lock();
    try {
      Long started = processing.remove(item);
      if (started == null) {
        return;
      }
      metrics.workDuration(Duration.ofNanos(clock.nanoTime() - started));
      if (dirty.contains(item)) {
        queue.addLast(item);
        metrics.depth(queue.size());
        notEmpty.signal();
      }
      if (processing.isEmpty() && queue.isEmpty()) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void shutDown() {
    lock.lock();
    try {
      shuttingDown = true;
      for (Delayed d : delayed.values()) {
        d.timer.cancel();
      }
      delayed.clear();
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void shutDownWithDrain() throws InterruptedException {
    shutDown();
    lock.lockInterruptibly();
    try {
      while (!processing.isEmpty() || !queue.isEmpty()) {
        idle.await();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean shutDownWithDrain(Duration timeout) throws InterruptedException {
    shutDown();
    long nanos = timeout.toNanos();
    lock.lockInterruptibly();
    try {
      while (!processing.isEmpty() || !queue.isEmpty()) {
        if (nanos <= 0) {
          return false;
        }
        nanos = idle.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isShuttingDown() {
    lock.lock();
    try {
      return shuttingDown;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean addAfter(T item, Duration delay) {
    Objects.requireNonNull(item, "item");
    if (delay.isNegative() || delay.isZero()) {
      return add(item);
    }
    lock.lock();
    try {
      if (shuttingDown) {
        return false;
      }
      long due = saturatedAdd(clock.nanoTime(), delay);
      Delayed existing = delayed.get(item);
      if (existing != null) {
        if (existing.dueNanos <= due) {
          return true;
        }
        existing.timer.cancel();
        delayed.remove(item);
      } else if (dirty.size() + delayed.size() >= maxDepth) {
        metrics.rejected();
        return false;
      }
      Delayed d = new Delayed(due);
      delayed.put(item, d);
      d.timer = clock.schedule(delay, () -> fire(item, d));
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void fire(T item, Delayed d) {
    lock.lock();
    try {
      if (delayed.get(item) != d) {
        return; // replaced by a sooner delay, or shut down
      }
      delayed.remove(item);
      add(item);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean addRateLimited(T item) {
    metrics.retried();
    return addAfter(item, limiter().when(item));
  }

  @Override
  public void forget(T item) {
    limiter().forget(item);
  }

  @Override
  public int numRequeues(T item) {
    return limiter().numRequeues(item);
  }

  private RateLimiter<? super T> limiter() {
    if (limiter == null) {
      throw new IllegalStateException("this queue has no rate limiter");
    }
    return limiter;
  }

  @Override
  public Duration unfinishedWork() {
    lock.lock();
    try {
      long now = clock.nanoTime();
      long sum = 0;
      for (long start : processing.values()) {
        sum += now - start;
      }
      return Duration.ofNanos(sum);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Duration longestRunning() {
    lock.lock();
    try {
      long now = clock.nanoTime();
      long max = 0;
      for (long start : processing.values()) {
        max = Math.max(max, now - start);
      }
      return Duration.ofNanos(max);
    } finally {
      lock.unlock();
    }
  }

  private static long saturatedAdd(long now, Duration delay) {
    long d;
    try {
      d = delay.toNanos();
    } catch (ArithmeticException e) {
      d = Long.MAX_VALUE;
    }
    long r = now + d;
    return r < now ? Long.MAX_VALUE : r;
  }

  /** An item waiting for its delay. */
  private static final class Delayed {
    final long dueNanos;
    Clock.Timer timer;

    Delayed(long dueNanos) {
      this.dueNanos = dueNanos;
    }
  }
}
