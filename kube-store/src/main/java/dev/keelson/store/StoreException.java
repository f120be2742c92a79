package dev.keelson.store;

/**
 * The root of the store's typed failures. Unchecked; each subclass corresponds to one outcome a
 * caller can branch on (the API server maps them to Kubernetes {@code Status} reasons).
 */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
