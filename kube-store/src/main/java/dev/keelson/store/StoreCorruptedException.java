package dev.keelson.store;

/**
 * Durable state is damaged in a way that cannot be repaired without losing acknowledged data (for
 * example a corrupt record followed by valid ones in the middle of a write-ahead log). The store
 * refuses to open rather than silently drop data.
 */
public class StoreCorruptedException extends StoreException {
  public StoreCorruptedException(String message) {
    super(message);
  }

  public StoreCorruptedException(String message, Throwable cause) {
    super(message, cause);
  }
}
