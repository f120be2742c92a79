package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.meta.LabelSelector;

/**
 * The desired behaviour of a job.
 *
 * @param parallelism pods that may run at once
 * @param completions successful pods needed; null means any one success completes the job
 * @param podFailurePolicy how pod failures count, evaluated before backoffLimit
 * @param successPolicy when an Indexed job may be declared succeeded early
 * @param backoffLimitPerIndex retries per index of an Indexed job
 * @param manualSelector whether the selector is managed by the user instead of the server
 * @param completionMode {@code NonIndexed} (the default) or {@code Indexed}
 * @param podReplacementPolicy {@code TerminatingOrFailed} or {@code Failed}
 * @param managedBy the controller that syncs the job; {@code kubernetes.io/job-controller} or
 *     another
 */
@KubeModel
public record JobSpec(
    Integer parallelism,
    Integer completions,
    Long activeDeadlineSeconds,
    PodFailurePolicy podFailurePolicy,
    SuccessPolicy successPolicy,
    Integer backoffLimit,
    Integer backoffLimitPerIndex,
    Integer maxFailedIndexes,
    LabelSelector selector,
    Boolean manualSelector,
    PodTemplateSpec template,
    Integer ttlSecondsAfterFinished,
    String completionMode,
    Boolean suspend,
    String podReplacementPolicy,
    String managedBy)
    implements JobSpecBuilder.With {}
