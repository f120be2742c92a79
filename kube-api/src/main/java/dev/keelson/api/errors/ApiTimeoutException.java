package dev.keelson.api.errors;

import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusDetails;

/** 504 Timeout: {@code Timeout: <what>}; the client may retry after the given seconds. */
public class ApiTimeoutException extends ApiException {
  public ApiTimeoutException(Status status) {
    super(status);
  }

  public static ApiTimeoutException of(String what, int retryAfterSeconds) {
    return new ApiTimeoutException(
        failure(
            504,
            "Timeout",
            "Timeout: " + what,
            new StatusDetails(null, null, null, null, null, retryAfterSeconds)));
  }
}
