package dev.keelson.watch.internal;

import dev.keelson.watch.StoredObject;
import java.time.Instant;

/**
 * One event of the window. Immutable but for {@link #nextInNamespace}, so a reader that finds it in
 * a ring slot sees it whole even while the dispatcher overwrites the slot; {@link #seq} tells the
 * reader whether the slot still holds the event it wanted.
 *
 * <p>{@link #nextInNamespace} links the events of one namespace, so that a subscription of one
 * namespace visits only that namespace's events instead of the whole window. Only the dispatcher
 * writes it (under the engine's apply lock), before it publishes the state that contains the linked
 * event; so a reader whose state contains the next event of this namespace reads its sequence here.
 *
 * @param seq position in the cache's event sequence (never reused)
 * @param revision the store revision of the change
 * @param namespace the object's namespace, interned (filters compare it by identity)
 * @param deleted whether the object was deleted (else created or modified)
 * @param current the object after the change; for a delete, the removed object re-versioned at the
 *     delete's revision
 * @param previous the object before the change, or {@code null} if it was created
 * @param rootAfter the cache's state right after this event
 * @param appended when the cache appended the event (for the window's age limit)
 */
final class Entry {
  /** {@link #nextInNamespace()}: no later event of this namespace has been appended. */
  static final long NONE = 0;

  /** {@link #nextInNamespace()}: not tracked any more (the event left the window); scan on. */
  static final long UNKNOWN = -1;

  private final long seq;
  private final long revision;
  private final String namespace;
  private final boolean deleted;
  private final StoredObject current;
  private final StoredObject previous;
  private final PersistentMap<StoredObject> rootAfter;
  private final Instant appended;
  private volatile long nextInNamespace = NONE;

  Entry(
      long seq,
      long revision,
      String namespace,
      boolean deleted,
      StoredObject current,
      StoredObject previous,
      PersistentMap<StoredObject> rootAfter,
      Instant appended) {
    this.seq = seq;
    this.revision = revision;
    this.namespace = namespace;
    this.deleted = deleted;
    this.current = current;
    this.previous = previous;
    this.rootAfter = rootAfter;
    this.appended = appended;
  }

  long seq() {
    return seq;
  }

  long revision() {
    return revision;
  }

  String namespace() {
    return namespace;
  }

  boolean deleted() {
    return deleted;
  }

  StoredObject current() {
    return current;
  }

  StoredObject previous() {
    return previous;
  }

  PersistentMap<StoredObject> rootAfter() {
    return rootAfter;
  }

  Instant appended() {
    return appended;
  }

  /**
   * The sequence number of the next event of this entry's namespace; {@link #NONE} if there is none
   * yet, {@link #UNKNOWN} if no longer tracked.
   */
  long nextInNamespace() {
    return nextInNamespace;
  }

  /** Dispatcher only: links the next event of this namespace. */
  void linkNext(long nextSeq) {
    nextInNamespace = nextSeq;
  }

  /** Dispatcher only: stops tracking (the event left the window) unless already linked. */
  void untrack() {
    if (nextInNamespace == NONE) {
      nextInNamespace = UNKNOWN;
    }
  }
}
