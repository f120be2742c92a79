package dev.keelson.store.internal.etcd;

import dev.keelson.store.Keys;
import io.etcd.jetcd.ByteSequence;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Confines a store to a key prefix within a shared etcd: keys go in as {@code prefix + key} and
 * come out stripped; the store's ranges (including "unbounded") end at the prefix's end.
 */
final class KeyPrefix {
  private static final byte[] ALL_KEYS_END = {0};
  private final byte[] prefix;

  KeyPrefix(String prefix) {
    this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
  }

  int length() {
    return prefix.length;
  }

  /** The etcd key for the store's {@code key}. */
  ByteSequence key(byte[] key) {
    return ByteSequence.from(concat(key));
  }

  /**
   * The etcd range end for the store's {@code rangeEnd}: {@code null} stays {@code null} (a single
   * key); empty (unbounded) becomes the end of the prefix, or etcd's "all keys" marker {@code \0}
   * when there is no prefix.
   */
  ByteSequence rangeEnd(byte[] rangeEnd) {
    if (rangeEnd == null) {
      return null;
    }
    if (rangeEnd.length == 0) {
      return ByteSequence.from(prefix.length == 0 ? ALL_KEYS_END : Keys.prefixEnd(prefix));
    }
    return ByteSequence.from(concat(rangeEnd));
  }

  /** The store's key for etcd's {@code key}. */
  byte[] strip(ByteSequence key) {
    byte[] bytes = key.getBytes();
    return prefix.length == 0 ? bytes : Arrays.copyOfRange(bytes, prefix.length, bytes.length);
  }

  private byte[] concat(byte[] key) {
    if (prefix.length == 0) {
      return key;
    }
    byte[] result = Arrays.copyOf(prefix, prefix.length + key.length);
    System.arraycopy(key, 0, result, prefix.length, key.length);
    return result;
  }
}
