package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import java.util.List;

/**
 * The observed state of a stateful set.
 *
 * @param currentRevision the revision of the pods below the update partition
 * @param updateRevision the revision pods are being updated to
 */
@KubeModel
public record StatefulSetStatus(
    Long observedGeneration,
    Integer replicas,
    Integer readyReplicas,
    Integer currentReplicas,
    Integer updatedReplicas,
    String currentRevision,
    String updateRevision,
    Integer collisionCount,
    @PatchStrategy(merge = true, key = "type") List<StatefulSetCondition> conditions,
    Integer availableReplicas)
    implements StatefulSetStatusBuilder.With {
  public StatefulSetStatus {
    conditions = Immutable.list(conditions);
  }
}
