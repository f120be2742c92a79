package dev.keelson.api.errors;

import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusDetails;

/** 429 TooManyRequests, with the seconds to wait in {@code details.retryAfterSeconds}. */
public class TooManyRequestsException extends ApiException {
  public TooManyRequestsException(Status status) {
    super(status);
  }

  public static TooManyRequestsException of(String message, int retryAfterSeconds) {
    return new TooManyRequestsException(
        failure(
            429,
            "TooManyRequests",
            message,
            new StatusDetails(null, null, null, null, null, retryAfterSeconds)));
  }

  /** The seconds the server asked the client to wait, or 0. */
  public int retryAfterSeconds() {
    Integer s = details() == null ? null : details().retryAfterSeconds();
    return s == null ? 0 : s;
  }
}
