package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import java.util.List;

/**
 * The observed state of a deployment.
 *
 * @param terminatingReplicas pods of this deployment that are terminating (alpha feature
 *     DeploymentReplicaSetTerminatingReplicas)
 * @param collisionCount bumped to avoid a name collision of the newest ReplicaSet
 */
@KubeModel
public record DeploymentStatus(
    Long observedGeneration,
    Integer replicas,
    Integer updatedReplicas,
    Integer readyReplicas,
    Integer availableReplicas,
    Integer unavailableReplicas,
    Integer terminatingReplicas,
    @PatchStrategy(merge = true, key = "type") List<DeploymentCondition> conditions,
    Integer collisionCount)
    implements DeploymentStatusBuilder.With {
  public DeploymentStatus {
    conditions = Immutable.list(conditions);
  }
}
