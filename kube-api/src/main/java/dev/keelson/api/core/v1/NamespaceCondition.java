package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import java.time.Instant;

/** Contains details about state of namespace. */
@KubeModel
public record NamespaceCondition(
    String type, String status, Instant lastTransitionTime, String reason, String message)
    implements NamespaceConditionBuilder.With {}
