package dev.keelson.watch;

import dev.keelson.api.errors.BadRequestException;

/**
 * Where a subscription starts.
 *
 * <ul>
 *   <li>{@link #now()}: only changes after the cache's revision when the subscription starts;
 *   <li>{@link #after(long)}: changes after a resource version (a resume), replayed from the
 *       cache's window; too old a version ends the subscription with 410 Expired;
 *   <li>{@link #initialState()}: a synthetic ADDED for each current object, then changes
 *       (Kubernetes' {@code resourceVersion} unset or {@code "0"});
 *   <li>{@link #initialEvents()}: the same, with a BOOKMARK annotated {@code
 *       k8s.io/initial-events-end: "true"} after the last ADDED ({@code sendInitialEvents=true}).
 * </ul>
 */
public sealed interface StartAt {
  /** Changes after the current revision only. */
  static StartAt now() {
    return Now.INSTANCE;
  }

  /** Changes after {@code resourceVersion}. */
  static StartAt after(long resourceVersion) {
    return new After(resourceVersion);
  }

  /** ADDED for the current state, then changes. */
  static StartAt initialState() {
    return new InitialState(false, false);
  }

  /** ADDED for the current state, the initial-events-end BOOKMARK, then changes. */
  static StartAt initialEvents() {
    return new InitialState(true, false);
  }

  /**
   * {@link #initialEvents()} from a consistent state: the cache first catches up with the store's
   * current revision (waiting up to the cache's {@code consistentReadWait}), so the initial events
   * include every write that completed before the watch started. Kubernetes' {@code
   * sendInitialEvents=true} with {@code resourceVersion} unset.
   */
  static StartAt consistentInitialEvents() {
    return new InitialState(true, true);
  }

  /**
   * Kubernetes' watch {@code resourceVersion} parameter: unset, empty or {@code "0"} means the
   * initial state, any other value a resume after it.
   *
   * @throws BadRequestException if the value is not a non-negative integer
   */
  static StartAt resourceVersion(String resourceVersion) {
    if (resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0")) {
      return initialState();
    }
    return after(ResourceVersions.parse(resourceVersion));
  }

  /** Only changes after the cache's revision at subscription time. */
  enum Now implements StartAt {
    INSTANCE
  }

  /** Changes after {@code resourceVersion}. */
  record After(long resourceVersion) implements StartAt {
    public After {
      if (resourceVersion < 0) {
        throw new IllegalArgumentException("resourceVersion must be >= 0");
      }
    }
  }

  /**
   * The current state as ADDED events, optionally ended by a marked bookmark; {@code consistent}:
   * the state is at least as new as the store's revision when the subscription starts.
   */
  record InitialState(boolean endBookmark, boolean consistent) implements StartAt {}
}
