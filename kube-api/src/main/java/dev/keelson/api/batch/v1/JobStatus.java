package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import java.time.Instant;
import java.util.List;

/**
 * The observed state of a job.
 *
 * @param completedIndexes the completed indexes of an Indexed job, e.g. {@code 1,3-5}
 * @param failedIndexes the failed indexes when backoffLimitPerIndex is set
 * @param uncountedTerminatedPods finished pods not yet counted in succeeded/failed
 * @param ready pods that are ready
 */
@KubeModel
public record JobStatus(
    @PatchStrategy(merge = true, key = "type") List<JobCondition> conditions,
    Instant startTime,
    Instant completionTime,
    Integer active,
    Integer succeeded,
    Integer failed,
    Integer terminating,
    String completedIndexes,
    String failedIndexes,
    UncountedTerminatedPods uncountedTerminatedPods,
    Integer ready)
    implements JobStatusBuilder.With {
  public JobStatus {
    conditions = Immutable.list(conditions);
  }
}
