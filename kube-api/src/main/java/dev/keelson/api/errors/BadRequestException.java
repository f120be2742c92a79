package dev.keelson.api.errors;

import dev.keelson.api.meta.Status;

/** 400 BadRequest: the request itself is malformed. */
public class BadRequestException extends ApiException {
  public BadRequestException(Status status) {
    super(status);
  }

  /** A 400 with this message. */
  public static BadRequestException of(String message) {
    return new BadRequestException(failure(400, "BadRequest", message, null));
  }
}
