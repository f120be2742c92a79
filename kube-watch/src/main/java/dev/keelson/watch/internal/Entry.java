package dev.keelson.watch.internal;

import dev.keelson.watch.StoredObject;
import java.time.Instant;

/**
 * One event of the window. Immutable, so a reader that finds it in a ring slot sees it whole even
 * while the dispatcher overwrites the slot; {@link #seq} tells the reader whether the slot still
 * holds the event it wanted.
 *
 * @param seq position in the cache's event sequence (never reused)
 * @param revision the store revision of the change
 * @param deleted whether the object was deleted (else created or modified)
 * @param current the object after the change; for a delete, the removed object re-versioned at the
 *     delete's revision
 * @param previous the object before the change, or {@code null} if it was created
 * @param rootAfter the cache's state right after this event
 * @param appended when the cache appended the event (for the window's age limit)
 */
record Entry(
    long seq,
    long revision,
    boolean deleted,
    StoredObject current,
    StoredObject previous,
    PersistentMap<StoredObject> rootAfter,
    Instant appended) {}
