package dev.keelson.api.errors;

import dev.keelson.api.meta.Status;

/** 503 ServiceUnavailable: the server (or its store) cannot serve now. */
public class ServiceUnavailableException extends ApiException {
  public ServiceUnavailableException(Status status) {
    super(status);
  }

  public static ServiceUnavailableException of(String message) {
    return new ServiceUnavailableException(failure(503, "ServiceUnavailable", message, null));
  }
}
