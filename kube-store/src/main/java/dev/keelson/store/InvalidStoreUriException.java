package dev.keelson.store;

/** A store URI is malformed, names an unknown scheme, or has options its provider rejects. */
public class InvalidStoreUriException extends IllegalArgumentException {
  public InvalidStoreUriException(String message) {
    super(message);
  }

  public InvalidStoreUriException(String message, Throwable cause) {
    super(message, cause);
  }
}
