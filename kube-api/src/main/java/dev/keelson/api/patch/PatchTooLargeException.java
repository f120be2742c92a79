package dev.keelson.api.patch;

import dev.keelson.api.errors.RequestEntityTooLargeException;
import dev.keelson.api.meta.Status;

/**
 * 413 RequestEntityTooLarge: a JSON Patch with more operations than allowed (Kubernetes: {@code
 * Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001}),
 * or a patch whose result exceeds the configured maximum size.
 */
public class PatchTooLargeException extends RequestEntityTooLargeException {
  private PatchTooLargeException(Status status) {
    super(status);
  }

  /** A 413 whose message is {@code Request entity too large: } followed by {@code why}. */
  public static PatchTooLargeException of(String why) {
    return new PatchTooLargeException(
        Status.failure(413, "RequestEntityTooLarge", "Request entity too large: " + why, null));
  }
}
