package dev.keelson.scheduler.internal;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.controller.time.Clock;
import dev.keelson.scheduler.framework.ClusterEvent;
import dev.keelson.scheduler.framework.PodInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * kube-scheduler's priority queue. Three places a pending pod can be:
 *
 * <ul>
 *   <li>activeQ: ready to schedule, ordered by pod priority (higher first) then by the time it was
 *       queued;
 *   <li>backoffQ: failed recently, waiting out a per-pod backoff ({@code initialBackoff *
 *       2^(attempts - 1)}, at most {@code maxBackoff}); flushed to activeQ every second;
 *   <li>unschedulable pods: rejected by plugins; moved back (to backoffQ while still backing off,
 *       else activeQ) by a cluster event one of the rejecting plugins registered, or after {@code
 *       maxInUnschedulable} by the flush every 30 s.
 * </ul>
 *
 * A pod that failed while a move request happened (an event during its cycle) goes to backoffQ
 * instead of the unschedulable pods, so the event is not lost. All timing is on the {@link Clock}.
 */
public final class SchedulingQueue implements AutoCloseable {
  private static final Duration BACKOFF_FLUSH = Duration.ofSeconds(1);
  private static final Duration UNSCHEDULABLE_FLUSH = Duration.ofSeconds(30);

  private final Clock clock;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final long maxInUnschedulableNanos;
  private final Map<String, List<ClusterEvent>> pluginEvents;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition nonEmpty = lock.newCondition();
  private final PriorityQueue<QueuedPod> active =
      new PriorityQueue<>(
          Comparator.comparingInt((QueuedPod q) -> -q.info.priority())
              .thenComparingLong(q -> q.timestampNanos)
              .thenComparingLong(q -> q.seq));
  private final PriorityQueue<QueuedPod> backoff =
      new PriorityQueue<>(
          Comparator.comparingLong(this::backoffExpiry).thenComparingLong(q -> q.seq));
  private final Map<String, QueuedPod> activeByKey = new HashMap<>();
  private final Map<String, QueuedPod> backoffByKey = new HashMap<>();
  private final Map<String, QueuedPod> unschedulable = new HashMap<>();
  private final Map<String, QueuedPod> inFlight = new HashMap<>();
  private long seq;
  private long schedulingCycle;
  private long moveRequestCycle = -1;
  private boolean closed;
  private Clock.Timer backoffTimer;
  private Clock.Timer unschedulableTimer;

  /** A queue on {@code clock}; {@code pluginEvents} are the events each plugin registered. */
  public SchedulingQueue(
      Clock clock,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration maxInUnschedulable,
      Map<String, List<ClusterEvent>> pluginEvents) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.initialBackoffNanos = initialBackoff.toNanos();
    this.maxBackoffNanos = maxBackoff.toNanos();
    this.maxInUnschedulableNanos = maxInUnschedulable.toNanos();
    this.pluginEvents = Map.copyOf(pluginEvents);
  }

  /** Starts the periodic flushes. */
  public void start() {
    lock.lock();
    try {
      backoffTimer = clock.schedule(BACKOFF_FLUSH, this::backoffFlushTick);
      unschedulableTimer = clock.schedule(UNSCHEDULABLE_FLUSH, this::unschedulableFlushTick);
    } finally {
      lock.unlock();
    }
  }

  private void backoffFlushTick() {
    flushBackoffCompleted();
    lock.lock();
    try {
      if (!closed) {
        backoffTimer = clock.schedule(BACKOFF_FLUSH, this::backoffFlushTick);
      }
    } finally {
      lock.unlock();
    }
  }

  private void unschedulableFlushTick() {
    flushUnschedulableLeftover();
    lock.lock();
    try {
      if (!closed) {
        unschedulableTimer = clock.schedule(UNSCHEDULABLE_FLUSH, this::unschedulableFlushTick);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Adds a new pending pod to activeQ (replacing what the queue had of it). */
  public void add(Pod pod) {
    PodInfo info = PodInfo.of(pod);
    lock.lock();
    try {
      String key = info.key();
      if (inFlight.containsKey(key)) {
        inFlight.get(key).info = info;
        return;
      }
      removeEverywhere(key);
      QueuedPod q = new QueuedPod(info, clock.nanoTime());
      q.seq = seq++;
      pushActive(q);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A pending pod changed: updated in place; an unschedulable pod moves back when its spec, labels
   * or annotations changed (it may now fit), not for a status-only change.
   */
  public void update(Pod pod) {
    PodInfo info = PodInfo.of(pod);
    String key = info.key();
    lock.lock();
    try {
      QueuedPod q = activeByKey.get(key);
      if (q != null) {
        active.remove(q);
        q.info = info;
        active.add(q);
        return;
      }
      q = backoffByKey.get(key);
      if (q != null) {
        q.info = info;
        return;
      }
      q = unschedulable.get(key);
      if (q != null) {
        boolean changed = schedulingRelevantChange(q.info.pod(), pod);
        q.info = info;
        if (changed) {
          unschedulable.remove(key);
          requeue(q);
        }
        return;
      }
      q = inFlight.get(key);
      if (q != null) {
        q.info = info;
        return;
      }
    } finally {
      lock.unlock();
    }
    add(pod);
  }

  /**
   * Whether an update may change the pod's scheduling (kube-scheduler's {@code isPodUpdated}): a
   * change of spec, labels or annotations; a status-only change (the scheduler's own PodScheduled
   * condition) is not.
   */
  static boolean schedulingRelevantChange(Pod old, Pod now) {
    return !Objects.equals(old.spec(), now.spec())
        || !Objects.equals(old.metadata().labels(), now.metadata().labels())
        || !Objects.equals(old.metadata().annotations(), now.metadata().annotations());
  }

  /** A pod is gone or no longer pending (deleted, or bound). */
  public void delete(String key) {
    lock.lock();
    try {
      removeEverywhere(key);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the next pod to schedule, waiting up to {@code timeout}; null on timeout or close. Call
   * {@link #done} when its cycle ends.
   */
  public QueuedPod pop(Duration timeout) throws InterruptedException {
    long waitNanos = timeout.toNanos();
    lock.lock();
    try {
      while (active.isEmpty()) {
        if (closed || waitNanos <= 0) {
          return null;
        }
        waitNanos = nonEmpty.awaitNanos(waitNanos);
      }
      QueuedPod q = active.poll();
      activeByKey.remove(q.info.key());
      q.attempts++;
      schedulingCycle++;
      inFlight.put(q.info.key(), q);
      return q;
    } finally {
      lock.unlock();
    }
  }

  /** The current scheduling cycle (taken when a pod is popped). */
  public long schedulingCycle() {
    lock.lock();
    try {
      return schedulingCycle;
    } finally {
      lock.unlock();
    }
  }

  /** The pod's cycle is over (bound, or handed back). */
  public void done(String key) {
    lock.lock();
    try {
      inFlight.remove(key);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands a pod that failed back: to the unschedulable pods when plugins rejected it and nothing
   * moved since its cycle began, else to backoffQ. Ignored if the queue already has it.
   *
   * @param podCycle the scheduling cycle the pod was popped in
   */
  public void addUnschedulableIfNotPresent(QueuedPod q, long podCycle) {
    lock.lock();
    try {
      String key = q.info.key();
      inFlight.remove(key);
      if (activeByKey.containsKey(key)
          || backoffByKey.containsKey(key)
          || unschedulable.containsKey(key)) {
        return;
      }
      q.timestampNanos = clock.nanoTime();
      q.seq = seq++;
      if (moveRequestCycle >= podCycle || q.unschedulablePlugins.isEmpty()) {
        backoffByKey.put(key, q);
        backoff.add(q);
      } else {
        unschedulable.put(key, q);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * A cluster event: moves the unschedulable pods a rejecting plugin of which registered it (all
   * for a wildcard), to backoffQ while backing off, else to activeQ.
   */
  public void moveAllToActiveOrBackoff(ClusterEvent event) {
    lock.lock();
    try {
      List<QueuedPod> moving = new ArrayList<>();
      for (QueuedPod q : unschedulable.values()) {
        if (matches(q, event)) {
          moving.add(q);
        }
      }
      for (QueuedPod q : moving) {
        unschedulable.remove(q.info.key());
        requeue(q);
      }
      moveRequestCycle = schedulingCycle;
    } finally {
      lock.unlock();
    }
  }

  private boolean matches(QueuedPod q, ClusterEvent event) {
    if (event.resource() == ClusterEvent.Kind.WILDCARD || q.unschedulablePlugins.isEmpty()) {
      return true;
    }
    for (String plugin : q.unschedulablePlugins) {
      for (ClusterEvent registered : pluginEvents.getOrDefault(plugin, List.of())) {
        if (registered.covers(event)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Moves backed-off pods whose backoff expired to activeQ. */
  public void flushBackoffCompleted() {
    lock.lock();
    try {
      long now = clock.nanoTime();
      while (!backoff.isEmpty() && backoffExpiry(backoff.peek()) <= now) {
        QueuedPod q = backoff.poll();
        backoffByKey.remove(q.info.key());
        pushActive(q);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Moves pods that stayed unschedulable longer than the limit back. */
  public void flushUnschedulableLeftover() {
    lock.lock();
    try {
      long now = clock.nanoTime();
      List<QueuedPod> moving = new ArrayList<>();
      for (QueuedPod q : unschedulable.values()) {
        if (now - q.timestampNanos >= maxInUnschedulableNanos) {
          moving.add(q);
        }
      }
      for (QueuedPod q : moving) {
        unschedulable.remove(q.info.key());
        requeue(q);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The backoff of a pod after {@code attempts} attempts. */
  public long backoffNanos(int attempts) {
    long d = initialBackoffNanos;
    for (int i = 1; i < attempts && d < maxBackoffNanos; i++) {
      d *= 2;
    }
    return Math.min(d, maxBackoffNanos);
  }

  private long backoffExpiry(QueuedPod q) {
    return q.timestampNanos + backoffNanos(q.attempts);
  }

  private void requeue(QueuedPod q) {
    q.seq = seq++;
    if (q.attempts > 0 && backoffExpiry(q) > clock.nanoTime()) {
      backoffByKey.put(q.info.key(), q);
      backoff.add(q);
    } else {
      pushActive(q);
    }
  }

  private void pushActive(QueuedPod q) {
    activeByKey.put(q.info.key(), q);
    active.add(q);
    nonEmpty.signal();
  }

  private void removeEverywhere(String key) {
    QueuedPod q = activeByKey.remove(key);
    if (q != null) {
      active.remove(q);
    }
    q = backoffByKey.remove(key);
    if (q != null) {
      backoff.remove(q);
    }
    unschedulable.remove(key);
  }

  /** Sizes of activeQ, backoffQ and the unschedulable pods. */
  public record Counts(int active, int backoff, int unschedulable, int inFlight) {}

  /** The current sizes. */
  public Counts counts() {
    lock.lock();
    try {
      return new Counts(active.size(), backoff.size(), unschedulable.size(), inFlight.size());
    } finally {
      lock.unlock();
    }
  }

  /** Whether the queue has the pod of {@code key} in {@code place} (tests). */
  public String whereIs(String key) {
    lock.lock();
    try {
      if (activeByKey.containsKey(key)) {
        return "active";
      }
      if (backoffByKey.containsKey(key)) {
        return "backoff";
      }
      if (unschedulable.containsKey(key)) {
        return "unschedulable";
      }
      if (inFlight.containsKey(key)) {
        return "inFlight";
      }
      return "none";
    } finally {
      lock.unlock();
    }
  }

  /** Wakes waiting pops and stops the flushes. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      if (backoffTimer != null) {
        backoffTimer.cancel();
      }
      if (unschedulableTimer != null) {
        unschedulableTimer.cancel();
      }
      nonEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
