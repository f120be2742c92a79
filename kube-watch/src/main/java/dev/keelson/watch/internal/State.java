package dev.keelson.watch.internal;

import dev.keelson.watch.StoredObject;

/**
 * What the dispatcher publishes after each batch (one volatile write): everything a reader needs to
 * position itself consistently.
 *
 * @param head the sequence number the next event will get; events {@code [oldest, head)} are in the
 *     window
 * @param revision the cache's revision: every change up to it has been applied
 * @param root the current objects by key
 * @param oldest the first sequence number still in the window
 * @param baseRevision every event with a revision above this one is in the window: resumes from
 *     {@code >= baseRevision} are served, older ones get 410
 * @param baseRoot the state at {@code baseRevision}, for snapshots older than every event in the
 *     window
 * @param epoch increments each time the cache re-lists the store
 */
record State(
    long head,
    long revision,
    PersistentMap<StoredObject> root,
    long oldest,
    long baseRevision,
    PersistentMap<StoredObject> baseRoot,
    long epoch) {}
