package dev.keelson.api.errors;

import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusCause;
import dev.keelson.api.meta.StatusDetails;
import java.util.List;

/** 500 InternalError: {@code Internal error occurred: <what>}. */
public class InternalErrorException extends ApiException {
  public InternalErrorException(Status status) {
    super(status);
  }

  public static InternalErrorException of(String what) {
    return new InternalErrorException(
        failure(
            500,
            "InternalError",
            "Internal error occurred: " + what,
            new StatusDetails(
                null, null, null, null, List.of(new StatusCause(null, what, null)), null)));
  }
}
