package dev.keelson.store.internal.memory;

/**
 * The index's value for one key: a holder of the head of its version chain, so that a write to an
 * existing key is one volatile store instead of a second skip-list update. Written only by the
 * writer; read by anyone.
 */
final class KeyEntry {
  volatile Version head;

  KeyEntry(Version head) {
    this.head = head;
  }

  static Version head(KeyEntry e) {
    return e == null ? null : e.head;
  }
}
