package dev.keelson.controllers.support;

import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a controller expects its informer to show after it created or deleted objects, as
 * kube-controller-manager's {@code UIDTrackingControllerExpectations}: after a burst of creates the
 * controller waits until the informer has seen them (or the expectation expired, 5 minutes on the
 * clock) before it counts pods again, so the burst is not repeated from a stale cache.
 *
 * <p>Keys are the controller's object keys ({@code namespace/name}); deletions are tracked by the
 * keys of the deleted objects, so observing the same deletion twice lowers the count once.
 */
public final class Expectations {
  /** How long an expectation holds before the controller syncs anyway (Kubernetes: 5 minutes). */
  public static final Duration TTL = Duration.ofMinutes(5);

  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** Expectations timed on {@code clock}. */
  public Expectations(Clock clock) {
    this.clock = clock;
  }

  private static final class Entry {
    int adds;
    final Set<String> deletes = new HashSet<>();
    final long sinceNanos;

    Entry(int adds, Set<String> deletes, long sinceNanos) {
      this.adds = adds;
      this.deletes.addAll(deletes);
      this.sinceNanos = sinceNanos;
    }
  }

  /**
   * Whether the controller of {@code key} may sync: nothing is expected, everything expected was
   * observed, or the expectation expired.
   */
  public boolean satisfied(String key) {
    Entry e = entries.get(key);
    if (e == null) {
      return true;
    }
    synchronized (e) {
      if (e.adds <= 0 && e.deletes.isEmpty()) {
        return true;
      }
      return clock.nanoTime() - e.sinceNanos > TTL.toNanos();
    }
  }

  /** Expects {@code count} creations for {@code key} (replacing what was expected before). */
  public void expectCreations(String key, int count) {
    entries.put(key, new Entry(count, Set.of(), clock.nanoTime()));
  }

  /** Expects the deletion of the objects {@code deletedKeys} (replacing what was expected). */
  public void expectDeletions(String key, Set<String> deletedKeys) {
    entries.put(key, new Entry(0, deletedKeys, clock.nanoTime()));
  }

  /** One creation was observed (or will never happen: a create that failed or was skipped). */
  public void creationObserved(String key) {
    Entry e = entries.get(key);
    if (e != null) {
      synchronized (e) {
        e.adds--;
      }
    }
  }

  /** The deletion of {@code deletedKey} was observed (or failed). */
  public void deletionObserved(String key, String deletedKey) {
    Entry e = entries.get(key);
    if (e != null) {
      synchronized (e) {
        e.deletes.remove(deletedKey);
      }
    }
  }

  /** Forgets {@code key} (its object was deleted). */
  public void forget(String key) {
    entries.remove(key);
  }
}
