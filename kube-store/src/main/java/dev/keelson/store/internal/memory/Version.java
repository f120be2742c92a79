package dev.keelson.store.internal.memory;

import dev.keelson.store.KeyValue;

/**
 * One node of a key's version chain, newest first. {@code kv} is never handed out (readers copy
 * it). Everything but {@code prev} is immutable; {@code prev} is cut only by compaction, under the
 * write lock, for versions no reader at or above the compacted revision can reach.
 */
final class Version {
  final KeyValue kv;
  final boolean tombstone;
  volatile Version prev;

  Version(KeyValue kv, boolean tombstone, Version prev) {
    this.kv = kv;
    this.tombstone = tombstone;
    this.prev = prev;
  }

  long modRevision() {
    return kv.modRevision();
  }

  /** The version visible at {@code revision} in the chain starting here, or null. */
  static Version at(Version head, long revision) {
    Version v = head;
    while (v != null && v.kv.modRevision() > revision) {
      v = v.prev;
    }
    return v;
  }

  /** The live key-value visible at {@code revision}, or null if absent then. */
  static KeyValue liveAt(Version head, long revision) {
    Version v = at(head, revision);
    return v == null || v.tombstone ? null : v.kv;
  }
}
