/**
 * Patches: JSON Patch (RFC 6902), JSON Merge Patch (RFC 7386) and Kubernetes' strategic merge patch
 * for built-in kinds, whose list semantics come from {@link dev.keelson.api.patch.PatchStrategy}
 * annotations on the model's records.
 */
package dev.keelson.api.patch;
