package dev.keelson.api.policy.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.Condition;
import dev.keelson.api.patch.PatchStrategy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The observed state of a disruption budget, written by the disruption controller.
 *
 * @param disruptedPods pods whose eviction was granted but not yet observed, with the time of the
 *     grant
 * @param disruptionsAllowed evictions allowed now
 * @param conditions {@code DisruptionAllowed} and others
 */
@KubeModel
public record PodDisruptionBudgetStatus(
    Long observedGeneration,
    Map<String, Instant> disruptedPods,
    Integer disruptionsAllowed,
    Integer currentHealthy,
    Integer desiredHealthy,
    Integer expectedPods,
    @PatchStrategy(merge = true, key = "type") List<Condition> conditions)
    implements PodDisruptionBudgetStatusBuilder.With {
  public PodDisruptionBudgetStatus {
    conditions = Immutable.list(conditions);
    disruptedPods = Immutable.map(disruptedPods);
  }
}
