/**
 * Patches, as the API server applies them to the stored object's JSON before decoding and
 * validating the result. All three work on Jackson {@link com.fasterxml.jackson.databind.JsonNode}
 * trees, never modify their inputs and return a new tree.
 *
 * <ul>
 *   <li>{@link dev.keelson.api.patch.JsonPatch}: JSON Patch (RFC 6902, {@code
 *       application/json-patch+json}); operations add, remove, replace, move, copy and test on JSON
 *       Pointers (RFC 6901), applied atomically, within {@link
 *       dev.keelson.api.patch.JsonPatchLimits} (Kubernetes: 10000 operations, 3 MiB copied).
 *   <li>{@link dev.keelson.api.patch.JsonMergePatch}: JSON Merge Patch (RFC 7386, {@code
 *       application/merge-patch+json}); objects merge, {@code null} deletes, everything else
 *       replaces. The patch kind for custom resources.
 *   <li>{@link dev.keelson.api.patch.StrategicMergePatch}: Kubernetes' strategic merge patch
 *       ({@code application/strategic-merge-patch+json}) for built-in kinds; list semantics come
 *       from {@link dev.keelson.api.patch.PatchStrategy} annotations on the model's records, and
 *       the directives {@code $patch}, {@code $retainKeys}, {@code $setElementOrder/<list>} and
 *       {@code $deleteFromPrimitiveList/<list>} are honoured.
 * </ul>
 *
 * <p>Errors are {@link dev.keelson.api.errors.ApiException}s with the status Kubernetes answers
 * (see kube-apiserver's {@code patchResource}):
 *
 * <ul>
 *   <li>{@link dev.keelson.api.patch.PatchException} (400 BadRequest): the patch document is
 *       malformed: not an array of operations, not an object, a bad or unknown directive, a merged
 *       element without its merge key;
 *   <li>{@link dev.keelson.api.patch.PatchFailedException} (422 Invalid): a well-formed patch that
 *       cannot apply to this object: a failed JSON Patch {@code test}, a path that does not exist,
 *       an index out of range, too many bytes copied, a value of the wrong JSON type for the field;
 *   <li>{@link dev.keelson.api.patch.PatchTooLargeException} (413 RequestEntityTooLarge): more JSON
 *       Patch operations than allowed, or a result larger than the configured limit;
 *   <li>{@link dev.keelson.api.errors.UnsupportedMediaTypeException} (415): a strategic merge patch
 *       for a custom resource ({@link dev.keelson.api.GenericObject}), as Kubernetes answers.
 * </ul>
 *
 * <p>Every message says where the patch went wrong: the JSON Patch operation's index, op and path,
 * or the field path of a strategic merge patch ({@code spec.containers[1]: ...}).
 */
package dev.keelson.api.patch;
