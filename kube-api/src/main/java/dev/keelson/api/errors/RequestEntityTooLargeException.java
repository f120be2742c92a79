package dev.keelson.api.errors;

import dev.keelson.api.meta.Status;

/** 413 RequestEntityTooLarge: {@code Request entity too large: limit is 3145728}. */
public class RequestEntityTooLargeException extends ApiException {
  public RequestEntityTooLargeException(Status status) {
    super(status);
  }

  public static RequestEntityTooLargeException of(String why) {
    return new RequestEntityTooLargeException(
        failure(413, "RequestEntityTooLarge", "Request entity too large: " + why, null));
  }
}
