package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import java.time.Instant;

/** A condition of a stateful set. */
@KubeModel
public record StatefulSetCondition(
    String type, String status, Instant lastTransitionTime, String reason, String message)
    implements StatefulSetConditionBuilder.With {}
