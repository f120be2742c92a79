package dev.keelson.watch.internal;

import dev.keelson.watch.StoredObject;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;

/**
 * One event of the window. Immutable but for its chain links, so a reader that finds it in a ring
 * slot sees it whole even while the dispatcher overwrites the slot; {@link #seq} tells the reader
 * whether the slot still holds the event it wanted.
 *
 * <p><b>Chains.</b> Each event is in a few chains: its namespace's ({@code chains[0]}, the interned
 * namespace) and one per label {@code k=v} its object has before or after the change ({@link
 * #labelChain}). {@link #next} links each chain to its next event, so that a subscription of one
 * namespace, or whose label selector requires some {@code k=v}, visits only the events of that
 * chain instead of the whole window. Only the dispatcher writes the links (under the engine's apply
 * lock), before it publishes the state that contains the linked event; so a reader whose state
 * contains the chain's next event reads its sequence here.
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
  /** {@link #next}: no later event of this chain has been appended. */
  static final long NONE = 0;

  /** {@link #next}: not tracked any more (the event left the window); scan on. */
  static final long UNKNOWN = -1;

  private static final VarHandle NEXT = MethodHandles.arrayElementVarHandle(long[].class);

  private final long seq;
  private final long revision;
  private final String namespace;
  private final boolean deleted;
  private final StoredObject current;
  private final StoredObject previous;
  private final PersistentMap<StoredObject> rootAfter;
  private final Instant appended;
  private final String[] chains;
  private final long[] next; // NEXT (volatile) access only

  Entry(
      long seq,
      long revision,
      String namespace,
      boolean deleted,
      StoredObject current,
      StoredObject previous,
      PersistentMap<StoredObject> rootAfter,
      Instant appended,
      String[] chains) {
    this.seq = seq;
    this.revision = revision;
    this.namespace = namespace;
    this.deleted = deleted;
    this.current = current;
    this.previous = previous;
    this.rootAfter = rootAfter;
    this.appended = appended;
    this.chains = chains;
    this.next = new long[chains.length];
  }

  /** The chain of objects with label {@code key=value}. */
  static String labelChain(String key, String value) {
    // A NUL cannot occur in a label key or in a namespace: no clash with namespace chains.
    return key + '\0' + value;
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

  /** The chains this event is in; {@code [0]} is its namespace. */
  String[] chains() {
    return chains;
  }

  /** The index of {@code chain} among {@link #chains()}, or -1 if this event is not in it. */
  int chainIndex(String chain) {
    String[] c = chains;
    for (int i = 0; i < c.length; i++) {
      if (c[i] == chain || c[i].equals(chain)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The sequence number of the next event of chain {@code i}; {@link #NONE} if there is none yet,
   * {@link #UNKNOWN} if no longer tracked.
   */
  long next(int i) {
    return (long) NEXT.getVolatile(next, i);
  }

  /** Dispatcher only: links the next event of chain {@code i}. */
  void link(int i, long nextSeq) {
    NEXT.setVolatile(next, i, nextSeq);
  }

  /** Dispatcher only: stops tracking the chains not yet linked (the event left the window). */
  void untrack() {
    for (int i = 0; i < next.length; i++) {
      if (next(i) == NONE) {
        NEXT.setVolatile(next, i, UNKNOWN);
      }
    }
  }
}
