package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import java.time.Instant;

/**
 * A condition of a deployment, such as {@code Available} or {@code Progressing}.
 *
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param lastUpdateTime when the condition was last probed or updated
 */
@KubeModel
public record DeploymentCondition(
    String type,
    String status,
    Instant lastUpdateTime,
    Instant lastTransitionTime,
    String reason,
    String message)
    implements DeploymentConditionBuilder.With {}
