package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import java.time.Instant;

/** Contains condition information for a node. */
@KubeModel
public record NodeCondition(
    String type,
    String status,
    Instant lastHeartbeatTime,
    Instant lastTransitionTime,
    String reason,
    String message)
    implements NodeConditionBuilder.With {}
