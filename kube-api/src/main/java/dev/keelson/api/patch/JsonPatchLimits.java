package dev.keelson.api.patch;

/**
 * Bounds on a JSON Patch, so that a small request cannot make the server do unbounded work or
 * allocate unbounded memory.
 *
 * @param maxOperations the most operations a patch may hold; more is a 413 ({@link
 *     PatchTooLargeException}). Kubernetes: {@code maxJSONPatchOperations} = 10000.
 * @param maxCopyBytes the most bytes (as compact JSON) that all {@code copy} operations of one
 *     patch may copy together; more is a 422 ({@link PatchFailedException}). This is what stops a
 *     patch from doubling a subtree again and again. Kubernetes: {@code JSONPatchMaxCopyBytes}, by
 *     default the request body limit of 3 MiB.
 * @param maxResultBytes the largest the patched document may be (as compact JSON); more is a 413
 *     ({@link PatchTooLargeException}). Kubernetes has no such check in the patch handler (storage
 *     rejects objects that are too large later); {@link Long#MAX_VALUE} turns it off.
 */
public record JsonPatchLimits(int maxOperations, long maxCopyBytes, long maxResultBytes) {

  /** Kubernetes' limits: 10000 operations, 3 MiB copied, no bound on the result. */
  public static final JsonPatchLimits KUBERNETES =
      new JsonPatchLimits(10_000, 3L * 1024 * 1024, Long.MAX_VALUE);

  public JsonPatchLimits {
    if (maxOperations < 0 || maxCopyBytes < 0 || maxResultBytes < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
  }

  /** These limits with a bound on the size of the patched document. */
  public JsonPatchLimits withMaxResultBytes(long bytes) {
    return new JsonPatchLimits(maxOperations, maxCopyBytes, bytes);
  }
}
