package dev.keelson.store;

/**
 * The store cannot serve the request: it is closed, its backend is unreachable or failed (an fsync
 * error, a lost etcd connection), or the provider cannot run here. Whether an interrupted write was
 * applied is unknown unless the message says otherwise.
 */
public class UnavailableException extends StoreException {
  public UnavailableException(String message) {
    super(message);
  }

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
