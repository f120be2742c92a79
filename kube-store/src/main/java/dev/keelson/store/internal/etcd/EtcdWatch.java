package dev.keelson.store.internal.etcd;

import dev.keelson.store.CompactedException;
import dev.keelson.store.KeyValue;
import dev.keelson.store.Keys;
import dev.keelson.store.StoreException;
import dev.keelson.store.UnavailableException;
import dev.keelson.store.Watch;
import dev.keelson.store.WatchEvent;
import dev.keelson.store.WatchListener;
import dev.keelson.store.WatchOverflowException;
import dev.keelson.store.WatchRequest;
import io.etcd.jetcd.watch.WatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A store watch on etcd that survives reconnects and leader changes without losing or repeating
 * events.
 *
 * <p><b>Exactly once.</b> The watch remembers {@code nextRevision}, the first revision it has not
 * received. Whenever the etcd watch stream fails (member killed, connection lost, member lost its
 * leader: watches require a leader, so a partitioned member cannot keep one silently stale), the
 * stream is abandoned and a new one is opened from {@code nextRevision}, on whichever member the
 * client reaches; events below {@code nextRevision} that etcd sends again are dropped. Each jetcd
 * stream belongs to a generation; callbacks from abandoned generations are ignored, so two streams
 * never both deliver.
 *
 * <p><b>Giving up.</b> A new stream must be confirmed by etcd (its "created" response) within the
 * request timeout, else it counts as failed. After three request timeouts without a confirmed
 * stream the watch ends with {@link UnavailableException}. If {@code nextRevision} has been
 * compacted meanwhile, it ends with {@link CompactedException}.
 *
 * <p><b>Delivery</b> happens on one virtual thread per watch, from a buffer bounded by {@link
 * EtcdOptions#watchBufferEvents()} events; the jetcd callback thread never blocks. When the buffer
 * would overflow the watch ends with {@link WatchOverflowException}. Lock order: this watch's lock
 * is never held while calling into jetcd or the listener.
 */
final class EtcdWatch implements Watch {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

  private final EtcdStore store;
  private final WatchRequest request;
  private final WatchListener listener;
  private final int capacity;
  private final Duration confirmTimeout;
  private final Duration giveUpAfter;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  // The hand-over to the delivery thread takes no lock: the gRPC event loop queues a batch and
  // wakes the delivery thread only if it sleeps, so neither waits for the other's monitor (on a
  // busy machine the event loop spun on this watch's lock while the delivery thread held it).
  // Only the event loop adds (in stream order); only the delivery thread takes.
  private final ConcurrentLinkedQueue<List<WatchEvent>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger(); // events in queue
  // An etcd progress revision to report after the queued events, or 0.
  private final AtomicLong pendingProgress = new AtomicLong();
  private volatile boolean delivererWaiting;
  private volatile long lastDelivered;

  private final Object lock = new Object();
  // Guarded by lock (ending is also read without it):
  private long nextRevision;
  private int generation;
  private int confirmedGeneration = -1;
  private int failures;
  private long unhealthySinceNanos;
  private boolean unhealthy;
  private io.etcd.jetcd.Watch.Watcher watcher;
  private volatile boolean ending;
  private Throwable failure;
  private volatile Thread deliverer;

  EtcdWatch(EtcdStore store, WatchRequest request, WatchListener listener) {
    this.store = store;
    this.request = request;
    this.listener = listener;
    this.capacity = store.options().watchBufferEvents();
    this.confirmTimeout = store.options().requestTimeout();
    this.giveUpAfter = confirmTimeout.multipliedBy(3);
  }

  @Override
  public CompletionStage<Void> terminated() {
    return terminated.minimalCompletionStage();
  }

  @Override
  public void close() {
    end(null);
  }

  /** Ends the watch with {@code cause}, unless it already ended. */
  void fail(Throwable cause) {
    end(cause);
  }

  /** Resolves the start revision, starts the delivery thread and opens the first stream. */
  void start() {
    long start = request.startRevision();
    if (start == 0) {
      try {
        start = store.currentRevision() + 1;
      } catch (StoreException e) {
        fail(e);
        return;
      }
    }
    synchronized (lock) {
      if (ending) {
        return;
      }
      nextRevision = start;
      lastDelivered = start - 1;
      unhealthy = true;
      unhealthySinceNanos = System.nanoTime();
      deliverer = Thread.ofVirtual().name("keelson-etcd-watch").unstarted(this::deliver);
    }
    deliverer.start();
    connect();
  }

  // ---------------------------------------------------------------- streams

  private void connect() {
    int gen;
    long from;
    synchronized (lock) {
      if (ending) {
        return;
      }
      gen = ++generation;
      from = nextRevision;
    }
    io.etcd.jetcd.Watch.Watcher w;
    try {
      w =
          store
              .client()
              .getWatchClient()
              .watch(
                  store.prefix().key(request.key()),
                  store.watchOption(request, from),
                  new StreamListener(gen));
    } catch (RuntimeException e) {
      onStreamFailure(gen, e);
      return;
    }
    boolean stale;
    synchronized (lock) {
      stale = gen != generation || ending;
      if (!stale) {
        watcher = w;
      }
    }
    if (stale) {
      w.close();
      return;
    }
    schedule(() -> checkConfirmed(gen), confirmTimeout);
  }

  private void checkConfirmed(int gen) {
    synchronized (lock) {
      if (ending || gen != generation || confirmedGeneration == gen) {
        return;
      }
    }
    onStreamFailure(
        gen, new TimeoutException("etcd did not confirm the watch within " + confirmTimeout));
  }

  private void onCreated(int gen) {
    synchronized (lock) {
      if (gen == generation && !ending) {
        confirmedGeneration = gen;
        unhealthy = false;
        failures = 0;
      }
    }
  }

  private void onStreamFailure(int gen, Throwable cause) {
    boolean compacted = EtcdErrors.classify(cause) == EtcdErrors.Kind.COMPACTED;
    boolean giveUp = false;
    io.etcd.jetcd.Watch.Watcher abandoned = null;
    long from;
    Duration backoff;
    synchronized (lock) {
      if (ending || gen != generation) {
        return;
      }
      from = nextRevision;
      if (!unhealthy) {
        unhealthy = true;
        unhealthySinceNanos = System.nanoTime();
      }
      failures++;
      backoff = Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), 25L << Math.min(failures, 6)));
      if (!compacted) {
        giveUp =
            store.isClosed() || System.nanoTime() - unhealthySinceNanos > giveUpAfter.toNanos();
        if (!giveUp) {
          generation++; // callbacks of the failed stream are ignored from now on
          abandoned = watcher;
          watcher = null;
        }
      }
    }
    if (compacted) {
      long compactedRevision =
          EtcdErrors.unwrap(cause) instanceof io.etcd.jetcd.common.exception.CompactedException c
              ? c.getCompactedRevision()
              : from;
      // Looking up the current revision blocks: never on jetcd's callback thread.
      Thread.ofVirtual()
          .start(
              () -> {
                long current = 0;
                try {
                  current = store.currentRevision();
                } catch (StoreException e) {
                  // the compaction is the news; 0 marks the current revision as unknown
                }
                fail(new CompactedException(from, compactedRevision, current));
              });
    } else if (giveUp) {
      fail(
          store.isClosed()
              ? new UnavailableException("store closed")
              : EtcdErrors.unavailable(
                  "watching " + Keys.printable(request.key()) + " from revision " + from,
                  store.options(),
                  new TimeoutException(
                      "no working watch stream for " + giveUpAfter + "; last error: " + cause)));
    } else {
      if (abandoned != null) {
        abandoned.close();
      }
      schedule(this::connect, backoff);
    }
  }

  private void onEvents(int gen, WatchResponse response) {
    if (response.isCreatedNotify()) {
      onCreated(gen);
      return;
    }
    List<io.etcd.jetcd.watch.WatchEvent> raw = response.getEvents();
    if (raw.isEmpty()) {
      onProgress(gen, response.getHeader().getRevision());
      return;
    }
    // Converted and ordered before taking the lock: this runs on the gRPC event loop, which the
    // delivery thread must not hold up (nor it the event loop) longer than a queue operation.
    List<WatchEvent> events = new ArrayList<>(raw.size());
    for (io.etcd.jetcd.watch.WatchEvent e : raw) {
      events.add(toEvent(e));
    }
    if (events.size() > 1) {
      events.sort(
          Comparator.comparingLong(WatchEvent::revision)
              .thenComparing((a, b) -> Keys.compare(a.kv().key(), b.kv().key())));
    }
    io.etcd.jetcd.Watch.Watcher overflowed = null;
    synchronized (lock) {
      if (ending || gen != generation) {
        return;
      }
      if (events.getFirst().revision() < nextRevision) {
        events.removeIf(e -> e.revision() < nextRevision);
      }
      if (events.isEmpty()) {
        return; // a replay of revisions already received
      }
      if (queued.get() + events.size() > capacity) {
        overflowed = watcher;
        endLocked(new WatchOverflowException(capacity, lastDelivered));
      } else {
        queued.addAndGet(events.size());
        queue.add(events);
        nextRevision = events.getLast().revision() + 1;
      }
    }
    if (overflowed != null) {
      overflowed.close();
    } else {
      wakeDeliverer();
    }
  }

  /**
   * etcd sends a progress notification on a stream only when every event up to its header revision
   * has been sent on it; those events are queued already, so the revision is reported after them.
   */
  private void onProgress(int gen, long revision) {
    synchronized (lock) {
      if (ending
          || gen != generation
          || confirmedGeneration != gen
          || revision < nextRevision - 1) {
        return;
      }
      nextRevision = revision + 1; // a reconnect need not ask again for revisions with no events
      if (pendingProgress.accumulateAndGet(revision, Math::max) != revision) {
        return; // a later revision is pending already
      }
    }
    wakeDeliverer();
  }

  @Override
  public void requestProgress() {
    io.etcd.jetcd.Watch.Watcher w;
    synchronized (lock) {
      w = ending || confirmedGeneration != generation ? null : watcher;
    }
    if (w != null) {
      try {
        w.requestProgress();
      } catch (RuntimeException e) {
        // The stream is failing; its listener reports that and reconnects.
      }
    }
  }

  private WatchEvent toEvent(io.etcd.jetcd.watch.WatchEvent e) {
    WatchEvent.Type type =
        e.getEventType() == io.etcd.jetcd.watch.WatchEvent.EventType.DELETE
            ? WatchEvent.Type.DELETE
            : WatchEvent.Type.PUT;
    io.etcd.jetcd.KeyValue prev = e.getPrevKV();
    KeyValue previous = prev == null || prev.getKey().isEmpty() ? null : store.toKeyValue(prev);
    return new WatchEvent(type, store.toKeyValue(e.getKeyValue()), previous);
  }

  private void schedule(Runnable task, Duration delay) {
    try {
      store.scheduler().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      fail(new UnavailableException("store closed"));
    }
  }

  /** Receives one stream's callbacks, tagged with its generation. */
  private final class StreamListener implements io.etcd.jetcd.Watch.Listener {
    private final int gen;

    StreamListener(int gen) {
      this.gen = gen;
    }

    @Override
    public void onNext(WatchResponse response) {
      onEvents(gen, response);
    }

    @Override
    public void onError(Throwable throwable) {
      onStreamFailure(gen, throwable);
    }

    @Override
    public void onCompleted() {
      onStreamFailure(gen, new UnavailableException("watch stream completed by etcd"));
    }
  }

  // ---------------------------------------------------------------- delivery and ending

  private void deliver() {
    while (true) {
      // The progress revision first: every event at or below it was queued before it was set,
      // so the drain below takes them all and the revision is reported after them.
      long progress = pendingProgress.getAndSet(0);
      List<WatchEvent> batch = new ArrayList<>();
      for (List<WatchEvent> events = queue.poll(); events != null; events = queue.poll()) {
        batch.addAll(events);
        queued.addAndGet(-events.size());
      }
      if (ending) {
        break;
      }
      if (batch.isEmpty() && progress == 0) {
        awaitWork();
        continue;
      }
      try {
        if (!batch.isEmpty()) {
          listener.onEvents(List.copyOf(batch));
          lastDelivered = batch.getLast().revision();
        }
        if (progress > 0) {
          listener.onProgress(progress);
        }
      } catch (Throwable t) {
        end(t);
        break;
      }
    }
    finish();
  }

  /** Parks the delivery thread until there is something to deliver or the watch ends. */
  private void awaitWork() {
    delivererWaiting = true;
    // Checked again after announcing the wait: a producer that queued before seeing the flag has
    // its work seen here; one that queues after it sees the flag and unparks.
    if (queue.isEmpty() && pendingProgress.get() == 0 && !ending) {
      LockSupport.park(this);
    }
    delivererWaiting = false;
    if (Thread.interrupted()) {
      end(new UnavailableException("watch delivery interrupted"));
    }
  }

  private void wakeDeliverer() {
    if (delivererWaiting) {
      LockSupport.unpark(deliverer);
    }
  }

  private void end(Throwable cause) {
    io.etcd.jetcd.Watch.Watcher w;
    boolean noDeliverer;
    synchronized (lock) {
      if (ending) {
        return;
      }
      w = watcher;
      endLocked(cause);
      noDeliverer = deliverer == null;
    }
    if (w != null) {
      w.close();
    }
    if (noDeliverer) {
      finish();
    }
  }

  private void endLocked(Throwable cause) {
    if (ending) {
      return;
    }
    ending = true;
    failure = cause;
    generation++;
    watcher = null;
    queue.clear();
    queued.set(0);
    if (deliverer != null) {
      LockSupport.unpark(deliverer);
    }
  }

  private void finish() {
    Throwable cause;
    synchronized (lock) {
      cause = failure;
    }
    store.forget(this);
    if (cause == null) {
      terminated.complete(null);
    } else {
      terminated.completeExceptionally(cause);
    }
  }
}
