package dev.keelson.api.errors;

import dev.keelson.api.meta.Status;

/** 406 NotAcceptable: no representation matches the Accept header. */
public class NotAcceptableException extends ApiException {
  public NotAcceptableException(Status status) {
    super(status);
  }

  public static NotAcceptableException of(String message) {
    return new NotAcceptableException(failure(406, "NotAcceptable", message, null));
  }
}
