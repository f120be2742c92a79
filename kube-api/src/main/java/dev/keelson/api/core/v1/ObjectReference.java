package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Contains enough information to let you inspect or modify the referred object. */
@KubeModel
public record ObjectReference(
    String kind,
    String namespace,
    String name,
    String uid,
    String apiVersion,
    String resourceVersion,
    String fieldPath)
    implements ObjectReferenceBuilder.With {}
