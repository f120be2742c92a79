package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;

/**
 * The schedule and job template of a cron job.
 *
 * @param schedule a five-field cron expression or a macro such as {@code @hourly}
 * @param timeZone an IANA time zone name for the schedule
 * @param concurrencyPolicy {@code Allow} (the default), {@code Forbid} or {@code Replace}
 */
@KubeModel
public record CronJobSpec(
    String schedule,
    String timeZone,
    Long startingDeadlineSeconds,
    String concurrencyPolicy,
    Boolean suspend,
    JobTemplateSpec jobTemplate,
    Integer successfulJobsHistoryLimit,
    Integer failedJobsHistoryLimit)
    implements CronJobSpecBuilder.With {}
