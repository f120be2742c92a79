package dev.keelson.store.internal.memory;

import dev.keelson.store.CompactedException;
import dev.keelson.store.UnavailableException;
import dev.keelson.store.Watch;
import dev.keelson.store.WatchListener;
import dev.keelson.store.WatchRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans published commits out to watchers and registers new watchers atomically with respect to
 * publication, so a watcher's replay (from history) and live feed (from its buffer) meet exactly at
 * its registration revision: nothing missed, nothing twice.
 *
 * <p>Every publication goes through {@link #publish}, which holds this hub's monitor while it makes
 * the commit visible and offers it to each watcher's bounded buffer; offering never blocks.
 */
public final class WatchHub {
  private final MvccEngine engine;
  private final int bufferEvents;
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private boolean closed;

  public WatchHub(MvccEngine engine, int bufferEvents) {
    this.engine = engine;
    this.bufferEvents = bufferEvents;
  }

  /** Publishes {@code commit} in the engine and hands it to every interested watcher. */
  public synchronized void publish(Commit commit) {
    engine.publish(commit);
    for (Watcher w : watchers) {
      w.offer(commit);
    }
  }

  /** Starts a watch; see {@link dev.keelson.store.Store#watch}. */
  public synchronized Watch register(WatchRequest request, WatchListener listener) {
    long current = engine.publishedRevision();
    long start = request.startRevision() == 0 ? current + 1 : request.startRevision();
    Watcher w = new Watcher(this, engine, request, listener, start, current, bufferEvents);
    if (closed) {
      w.fail(new UnavailableException("store is closed"));
    } else if (start < engine.compactedRevision()) {
      w.fail(new CompactedException(start, engine.compactedRevision(), current));
    } else {
      watchers.add(w);
      w.start();
    }
    return w;
  }

  /** Answers {@code w}'s progress request with the revision published last. */
  synchronized void requestProgress(Watcher w) {
    w.progress(engine.publishedRevision());
  }

  void remove(Watcher w) {
    watchers.remove(w);
  }

  /** Ends every watch with {@link UnavailableException}; later registrations fail at once. */
  public synchronized void close() {
    closed = true;
    for (Watcher w : watchers) {
      w.fail(new UnavailableException("store is closed"));
    }
    watchers.clear();
  }

  /** The number of active watches. */
  public int size() {
    return watchers.size();
  }
}
