package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import java.util.List;

/**
 * The observed state of a daemon set.
 *
 * @param currentNumberScheduled nodes running at least one daemon pod that should
 * @param numberMisscheduled nodes running a daemon pod that should not
 * @param desiredNumberScheduled nodes that should run the daemon pod
 * @param updatedNumberScheduled nodes running the updated daemon pod
 */
@KubeModel
public record DaemonSetStatus(
    Integer currentNumberScheduled,
    Integer numberMisscheduled,
    Integer desiredNumberScheduled,
    Integer numberReady,
    Long observedGeneration,
    Integer updatedNumberScheduled,
    Integer numberAvailable,
    Integer numberUnavailable,
    Integer collisionCount,
    @PatchStrategy(merge = true, key = "type") List<DaemonSetCondition> conditions)
    implements DaemonSetStatusBuilder.With {
  public DaemonSetStatus {
    conditions = Immutable.list(conditions);
  }
}
