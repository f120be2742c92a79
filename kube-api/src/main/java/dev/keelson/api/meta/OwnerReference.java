package dev.keelson.api.meta;

import dev.keelson.api.KubeModel;

/**
 * Identifies an owning object. The garbage collector deletes an object once all its owners are
 * gone; at most one owner reference may be the managing {@code controller}.
 */
@KubeModel
public record OwnerReference(
    String apiVersion,
    String kind,
    String name,
    String uid,
    Boolean controller,
    Boolean blockOwnerDeletion)
    implements OwnerReferenceBuilder.With {}
