package dev.keelson.api.errors;

import dev.keelson.api.meta.Status;

/** 401 Unauthorized: the client could not be authenticated. */
public class UnauthorizedException extends ApiException {
  public UnauthorizedException(Status status) {
    super(status);
  }

  public static UnauthorizedException of(String message) {
    return new UnauthorizedException(
        failure(401, "Unauthorized", message == null ? "Unauthorized" : message, null));
  }
}
