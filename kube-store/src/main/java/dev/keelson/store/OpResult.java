package dev.keelson.store;

import java.util.Optional;

/** The result of one {@link Op}, in the order of the ops of the branch that ran. */
public sealed interface OpResult {

  /** A put happened; {@code previous} is the version it replaced, if any. */
  record PutResult(Optional<KeyValue> previous) implements OpResult {}

  /** A delete ran; {@code previous} is the version it removed, empty when the key was absent. */
  record DeleteResult(Optional<KeyValue> previous) implements OpResult {
    /** Whether a key was actually deleted. */
    public boolean deleted() {
      return previous.isPresent();
    }
  }

  /** A get ran; {@code kv} is the key's version, empty when absent. */
  record GetResult(Optional<KeyValue> kv) implements OpResult {}
}
