package dev.keelson.api.errors;

import dev.keelson.api.meta.Status;

/** 415 UnsupportedMediaType: for example a strategic merge patch of a custom resource. */
public class UnsupportedMediaTypeException extends ApiException {
  public UnsupportedMediaTypeException(Status status) {
    super(status);
  }

  public static UnsupportedMediaTypeException of(String message) {
    return new UnsupportedMediaTypeException(failure(415, "UnsupportedMediaType", message, null));
  }
}
