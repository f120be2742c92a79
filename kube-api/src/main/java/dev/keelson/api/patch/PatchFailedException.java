package dev.keelson.api.patch;

import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusCause;
import dev.keelson.api.meta.StatusDetails;
import java.util.List;

/**
 * 422 Invalid: a well-formed patch that cannot be applied to this object, for example a JSON Patch
 * whose {@code test} fails, whose path does not exist or whose array index is out of range, a copy
 * that grows the document beyond the configured limit, or a strategic merge patch that puts a list
 * where the kind has an object.
 *
 * <p>This is Kubernetes' answer: {@code patchResource} maps every error of applying a JSON Patch to
 * a 422 with reason {@code Invalid} (there with the fixed message {@code the server rejected our
 * request due to an error in our request}), and lists of lists in a strategic merge patch to the
 * same. Keelson keeps the code and reason but says what went wrong, and names the JSON Patch
 * operation (index, op, path) or the field in the message and in the one {@link #causes() cause}.
 */
public class PatchFailedException extends InvalidException {
  private PatchFailedException(Status status) {
    super(status);
  }

  /**
   * A 422 for a patch that failed at {@code field} (a JSON pointer or field path; may be empty).
   */
  public static PatchFailedException of(String field, String message) {
    StatusCause cause = new StatusCause("FieldValueInvalid", message, field);
    return new PatchFailedException(
        Status.failure(
            422,
            "Invalid",
            message,
            new StatusDetails(null, null, null, null, List.of(cause), null)));
  }
}
