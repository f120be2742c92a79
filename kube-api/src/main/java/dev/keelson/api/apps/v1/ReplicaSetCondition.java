package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import java.time.Instant;

/** A condition of a replica set, such as {@code ReplicaFailure}. */
@KubeModel
public record ReplicaSetCondition(
    String type, String status, Instant lastTransitionTime, String reason, String message)
    implements ReplicaSetConditionBuilder.With {}
