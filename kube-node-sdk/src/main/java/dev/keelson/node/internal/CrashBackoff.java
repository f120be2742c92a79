package dev.keelson.node.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Kubelet's restart backoff (client-go {@code flowcontrol.Backoff} as kubelet uses it): the first
 * restart of a container is immediate and starts a 10 s backoff; each later exit waits the current
 * backoff from its finish time, and the restart doubles it, up to 300 s. An entry last updated more
 * than twice the maximum (600 s) ago has expired: the next restart starts over at 10 s.
 * Thread-safe.
 */
public final class CrashBackoff {
  /** The first backoff. */
  public static final Duration INITIAL = Duration.ofSeconds(10);

  /** The longest backoff. */
  public static final Duration MAX = Duration.ofMinutes(5);

  private final Map<String, Entry> entries = new HashMap<>();

  private record Entry(Duration backoff, Instant lastUpdate) {}

  /**
   * How long, from {@code now}, a container whose last instance finished at {@code finishedAt} must
   * still wait before it may restart; zero if it may restart now.
   */
  public synchronized Duration remaining(String key, Instant finishedAt, Instant now) {
    Entry e = entries.get(key);
    if (e == null || expired(now, e)) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, finishedAt.plus(e.backoff()));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /**
   * How long from {@code now} {@code key} stays in backoff counted from its last {@link #next}
   * (client-go's {@code IsInBackOffSinceUpdate}, as kubelet's image pulls use it); zero if none.
   */
  public synchronized Duration remainingSinceUpdate(String key, Instant now) {
    Entry e = entries.get(key);
    if (e == null || expired(now, e)) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, e.lastUpdate().plus(e.backoff()));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Records a restart for an instance that finished at {@code finishedAt}. */
  public synchronized void next(String key, Instant finishedAt) {
    Entry e = entries.get(key);
    Duration d;
    if (e == null || expired(finishedAt, e)) {
      d = INITIAL;
    } else {
      d = e.backoff().multipliedBy(2);
      if (d.compareTo(MAX) > 0) {
        d = MAX;
      }
    }
    entries.put(key, new Entry(d, finishedAt));
  }

  /** The current backoff of {@code key} (zero when none). */
  public synchronized Duration current(String key) {
    Entry e = entries.get(key);
    return e == null ? Duration.ZERO : e.backoff();
  }

  /** Forgets every key that starts with {@code prefix} (a pod's uid). */
  public synchronized void forgetPrefix(String prefix) {
    entries.keySet().removeIf(k -> k.startsWith(prefix));
  }

  private static boolean expired(Instant at, Entry e) {
    return Duration.between(e.lastUpdate(), at).compareTo(MAX.multipliedBy(2)) > 0;
  }
}
