package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import java.time.Instant;

/** A condition of a daemon set. */
@KubeModel
public record DaemonSetCondition(
    String type, String status, Instant lastTransitionTime, String reason, String message)
    implements DaemonSetConditionBuilder.With {}
