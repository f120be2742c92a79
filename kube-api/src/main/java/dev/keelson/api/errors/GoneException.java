package dev.keelson.api.errors;

import dev.keelson.api.meta.Status;

/**
 * 410 Gone, with reason {@code Expired} for a resource version or continue token that is too old,
 * or {@code Gone} otherwise.
 */
public class GoneException extends ApiException {
  public GoneException(Status status) {
    super(status);
  }

  /** 410 with reason Expired: {@code too old resource version: 5 (100)}. */
  public static GoneException expired(String message) {
    return new GoneException(failure(410, "Expired", message, null));
  }

  /** 410 with reason Gone. */
  public static GoneException gone(String message) {
    return new GoneException(failure(410, "Gone", message, null));
  }

  /** Whether the reason is Expired (the client should list again). */
  public boolean isExpired() {
    return "Expired".equals(reason());
  }
}
