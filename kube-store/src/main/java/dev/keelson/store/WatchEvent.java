package dev.keelson.store;

import java.util.Optional;

/**
 * One change to one key, as etcd's {@code mvccpb.Event}.
 *
 * @param type put or delete
 * @param kv for a put, the new version; for a delete, the key with an empty value, create revision
 *     and version 0, and the mod revision of the delete
 * @param prevKv the version before this change, or {@code null} if the key did not exist (or, on
 *     backends that cannot tell, was already compacted)
 */
public record WatchEvent(Type type, KeyValue kv, KeyValue prevKv) {

  /** The kind of change. */
  public enum Type {
    PUT,
    DELETE
  }

  public WatchEvent {
    if (type == null || kv == null) {
      throw new NullPointerException("type and kv are required");
    }
  }

  /** The revision of the change. */
  public long revision() {
    return kv.modRevision();
  }

  /** The previous version, if any. */
  public Optional<KeyValue> previous() {
    return Optional.ofNullable(prevKv);
  }
}
