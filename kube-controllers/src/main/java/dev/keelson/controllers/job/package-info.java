/**
 * The Job controller: runs pods until enough succeed (NonIndexed or Indexed completion), counts
 * finished pods through the {@code batch.kubernetes.io/job-tracking} finalizer, backs off after
 * failures, and ends jobs with SuccessCriteriaMet/Complete or FailureTarget/Failed conditions.
 */
package dev.keelson.controllers.job;
