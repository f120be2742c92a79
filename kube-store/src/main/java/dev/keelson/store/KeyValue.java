package dev.keelson.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One version of one key, as etcd's {@code mvccpb.KeyValue}.
 *
 * <p>The arrays are owned by this value: stores hand out fresh copies and never read them again,
 * callers must not expect changes to them to be seen by anyone. Equality compares array contents.
 *
 * @param key the key, never empty
 * @param value the value; empty for the key-value of a {@link WatchEvent.Type#DELETE} event
 * @param createRevision revision at which the key was last created (0 in a delete event)
 * @param modRevision revision of the write that produced this version
 * @param version number of writes to the key since it was created, starting at 1 (0 in a delete
 *     event)
 */
public record KeyValue(
    byte[] key, byte[] value, long createRevision, long modRevision, long version) {

  public KeyValue {
    if (key == null || value == null) {
      throw new NullPointerException("key and value must not be null");
    }
  }

  /** The key decoded as UTF-8 (Kubernetes keys are UTF-8 paths). */
  public String keyString() {
    return new String(key, StandardCharsets.UTF_8);
  }

  /** The value decoded as UTF-8. */
  public String valueString() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyValue other
        && createRevision == other.createRevision
        && modRevision == other.modRevision
        && version == other.version
        && Arrays.equals(key, other.key)
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key) * 31 + Long.hashCode(modRevision);
  }

  @Override
  public String toString() {
    return "KeyValue[key="
        + Keys.printable(key)
        + ", value="
        + (value.length <= 64 ? Keys.printable(value) : value.length + " bytes")
        + ", createRevision="
        + createRevision
        + ", modRevision="
        + modRevision
        + ", version="
        + version
        + "]";
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
