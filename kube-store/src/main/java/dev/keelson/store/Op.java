package dev.keelson.store;

/**
 * One operation of a {@link Txn}. A transaction may put or delete a key at most once.
 *
 * <p>Every write in a committed transaction gets the same new revision; reads see the state as of
 * the start of the transaction.
 */
public sealed interface Op {
  /** The key this operation touches. */
  byte[] key();

  /** Sets {@code key} to {@code value}, creating it if absent. */
  record Put(byte[] key, byte[] value) implements Op {
    public Put {
      if (key == null || key.length == 0 || value == null) {
        throw new IllegalArgumentException("put needs a non-empty key and a value");
      }
    }
  }

  /** Deletes {@code key}; deleting an absent key changes nothing. */
  record Delete(byte[] key) implements Op {
    public Delete {
      if (key == null || key.length == 0) {
        throw new IllegalArgumentException("key must not be empty");
      }
    }
  }

  /** Reads {@code key}'s latest version (as of this transaction's start). */
  record Get(byte[] key) implements Op {
    public Get {
      if (key == null || key.length == 0) {
        throw new IllegalArgumentException("key must not be empty");
      }
    }
  }

  static Op put(byte[] key, byte[] value) {
    return new Put(key.clone(), value.clone());
  }

  static Op delete(byte[] key) {
    return new Delete(key.clone());
  }

  static Op get(byte[] key) {
    return new Get(key.clone());
  }
}
