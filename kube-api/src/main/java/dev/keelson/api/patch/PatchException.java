package dev.keelson.api.patch;

import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.meta.Status;

/**
 * 400 BadRequest: the patch document itself is malformed, so it cannot be applied to any object.
 *
 * <p>Thrown for: a JSON Patch that is not an array of objects; a merge or strategic merge patch
 * that is not an object; a strategic merge patch with an unknown or malformed directive ({@code
 * $patch}, {@code $retainKeys}, {@code $setElementOrder/...}, {@code $deleteFromPrimitiveList/...})
 * or a merged list element without its merge key. Kubernetes answers 400 for the malformed
 * documents and directive formats; for an unknown {@code $patch} value, a missing merge key and an
 * inconsistent {@code $setElementOrder} list the real API server lets a plain Go error escape and
 * answers 500, which Keelson deliberately reports as the client error it is.
 */
public class PatchException extends BadRequestException {
  PatchException(String message) {
    super(Status.failure(400, "BadRequest", message, null));
  }

  /** A 400 for a malformed patch with this message. */
  public static PatchException of(String message) {
    return new PatchException(message);
  }
}
