package dev.keelson.store.internal.memory;

import dev.keelson.store.CompactedException;
import dev.keelson.store.WatchEvent;
import dev.keelson.store.WatchListener;
import dev.keelson.store.WatchOverflowException;
import dev.keelson.store.WatchRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One watch: replays history from its start revision up to its registration revision, then delivers
 * live commits from a bounded buffer, on its own virtual thread.
 *
 * <p>The buffer holds at most {@code capacity} events (a single commit larger than that is still
 * accepted into an empty buffer, so that every commit can be delivered). A commit that does not fit
 * ends the watch with {@link WatchOverflowException}. State changes happen under this object's
 * monitor; the listener is called without holding it.
 */
final class Watcher implements dev.keelson.store.Watch {
  private static final int MAX_EVENTS_PER_CALL = 1000;

  private final WatchHub hub;
  private final MvccEngine engine;
  private final WatchRequest request;
  private final WatchListener listener;
  private final long start;
  private final long registeredAt;
  private final int capacity;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  private final ArrayDeque<List<WatchEvent>> buffer = new ArrayDeque<>();
  private int buffered;
  private boolean closed;
  private Throwable failure;
  private volatile long lastDelivered;
  private long pendingProgress; // a progress revision to report after the buffered events, or 0

  Watcher(
      WatchHub hub,
      MvccEngine engine,
      WatchRequest request,
      WatchListener listener,
      long start,
      long registeredAt,
      int capacity) {
    this.hub = hub;
    this.engine = engine;
    this.request = request;
    this.listener = listener;
    this.start = start;
    this.registeredAt = registeredAt;
    this.capacity = capacity;
  }

  void start() {
    synchronized (this) {
      threadStarted = true;
    }
    Thread.ofVirtual().name("store-watch").start(this::run);
  }

  /** Called by the hub for every published commit, in order; never blocks. */
  void offer(Commit commit) {
    if (commit.revision() < start) {
      return;
    }
    List<WatchEvent> matching = filter(commit);
    if (matching == null) {
      return;
    }
    synchronized (this) {
      if (closed || failure != null) {
        return;
      }
      if (buffered > 0 && buffered + matching.size() > capacity) {
        failure = new WatchOverflowException(capacity, lastDelivered);
        buffer.clear();
        buffered = 0;
      } else {
        buffer.add(matching);
        buffered += matching.size();
      }
      notifyAll();
    }
  }

  private List<WatchEvent> filter(Commit commit) {
    List<WatchEvent> out = null;
    for (WatchEvent e : commit.events()) {
      if (request.contains(e.kv().key())) {
        if (out == null) {
          out = new ArrayList<>(commit.events().size());
        }
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Called by the hub, holding its monitor, with the revision published last: every commit up to it
   * has been offered already, so reporting it after the buffered events is exact.
   */
  synchronized void progress(long revision) {
    if (revision > pendingProgress) {
      pendingProgress = revision;
      notifyAll();
    }
  }

  @Override
  public void requestProgress() {
    hub.requestProgress(this);
  }

  synchronized void fail(Throwable t) {
    if (failure == null && !closed) {
      failure = t;
    }
    notifyAll();
    if (!threadStarted) {
      finish();
    }
  }

  private boolean threadStarted;

  private void run() {
    try {
      replay();
      List<WatchEvent> batch = new ArrayList<>();
      while (true) {
        batch.clear();
        long progress;
        synchronized (this) {
          while (buffer.isEmpty() && pendingProgress == 0 && !closed && failure == null) {
            wait();
          }
          if (closed || failure != null) {
            break;
          }
          while (!buffer.isEmpty()) {
            batch.addAll(buffer.poll());
          }
          buffered = 0;
          progress = pendingProgress;
          pendingProgress = 0;
        }
        if (!batch.isEmpty()) {
          deliver(batch);
        }
        if (progress > 0) {
          listener.onProgress(progress);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      synchronized (this) {
        if (failure == null && !closed) {
          failure = e;
        }
      }
    } catch (Throwable t) {
      synchronized (this) {
        if (failure == null && !closed) {
          failure = t;
        }
      }
    }
    finish();
  }

  private void replay() throws Exception {
    List<WatchEvent> batch = new ArrayList<>();
    for (long rev = start; rev <= registeredAt; rev++) {
      synchronized (this) {
        if (closed || failure != null) {
          return;
        }
      }
      Commit c = engine.commit(rev);
      long compacted = engine.compactedRevision();
      if (c == null || rev < compacted) {
        throw new CompactedException(rev, compacted, engine.publishedRevision());
      }
      List<WatchEvent> matching = filter(c);
      if (matching != null) {
        batch.addAll(matching);
        if (batch.size() >= MAX_EVENTS_PER_CALL) {
          deliver(batch);
          batch.clear();
        }
      }
    }
    if (!batch.isEmpty()) {
      deliver(batch);
    }
  }

  private void deliver(List<WatchEvent> batch) throws Exception {
    List<WatchEvent> copies = new ArrayList<>(batch.size());
    for (WatchEvent e : batch) {
      copies.add(new WatchEvent(e.type(), MvccEngine.copy(e.kv()), MvccEngine.copy(e.prevKv())));
    }
    synchronized (this) {
      if (closed || failure != null) {
        return;
      }
    }
    listener.onEvents(List.copyOf(copies));
    lastDelivered = batch.get(batch.size() - 1).revision();
  }

  private void finish() {
    hub.remove(this);
    Throwable f;
    synchronized (this) {
      f = failure;
    }
    if (f == null) {
      terminated.complete(null);
    } else {
      terminated.completeExceptionally(f);
    }
  }

  @Override
  public CompletionStage<Void> terminated() {
    return terminated.minimalCompletionStage();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (failure == null) {
        closed = true;
      }
      notifyAll();
    }
    hub.remove(this);
  }
}
