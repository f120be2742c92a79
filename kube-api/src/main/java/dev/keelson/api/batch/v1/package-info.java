/**
 * {@code batch/v1}: {@link dev.keelson.api.batch.v1.Job} (with pod failure and success policies)
 * and {@link dev.keelson.api.batch.v1.CronJob}. Condition lists are merged by {@code type} in
 * strategic merge patches. The alpha {@code spec.scheduling} of Job (workload scheduling, which
 * depends on scheduling.k8s.io/v1alpha3) is not modelled.
 */
package dev.keelson.api.batch.v1;
