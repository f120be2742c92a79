package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import java.util.List;

/**
 * The observed state of a replica set.
 *
 * @param fullyLabeledReplicas pods whose labels match the template's labels
 */
@KubeModel
public record ReplicaSetStatus(
    Integer replicas,
    Integer fullyLabeledReplicas,
    Integer readyReplicas,
    Integer availableReplicas,
    Integer terminatingReplicas,
    Long observedGeneration,
    @PatchStrategy(merge = true, key = "type") List<ReplicaSetCondition> conditions)
    implements ReplicaSetStatusBuilder.With {
  public ReplicaSetStatus {
    conditions = Immutable.list(conditions);
  }
}
