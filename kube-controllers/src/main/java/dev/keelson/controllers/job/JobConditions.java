package dev.keelson.controllers.job;

import dev.keelson.api.batch.v1.JobCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Job condition types, reasons and messages as Kubernetes writes them, and list helpers. */
public final class JobConditions {
  /** All pods succeeded as required. */
  public static final String COMPLETE = "Complete";

  /** The job failed. */
  public static final String FAILED = "Failed";

  /** The job will fail once its pods are gone (Kubernetes 1.31+). */
  public static final String FAILURE_TARGET = "FailureTarget";

  /** The job will complete once its pods are gone (Kubernetes 1.31+). */
  public static final String SUCCESS_CRITERIA_MET = "SuccessCriteriaMet";

  /** The job is suspended (True) or was resumed (False). */
  public static final String SUSPENDED = "Suspended";

  /** Reason: more pods failed than backoffLimit allows. */
  public static final String BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";

  /** Reason: the job ran longer than activeDeadlineSeconds. */
  public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";

  /** Reason: as many pods succeeded as completions asks. */
  public static final String COMPLETIONS_REACHED = "CompletionsReached";

  static final String BACKOFF_MESSAGE = "Job has reached the specified backoff limit";
  static final String DEADLINE_MESSAGE = "Job was active longer than specified deadline";
  static final String COMPLETIONS_MESSAGE = "Reached expected number of succeeded pods";

  private JobConditions() {}

  /** The condition of {@code type}, or {@code null}. */
  public static JobCondition find(List<JobCondition> conditions, String type) {
    for (JobCondition c : conditions) {
      if (type.equals(c.type())) {
        return c;
      }
    }
    return null;
  }

  /** Whether the condition of {@code type} is {@code True}. */
  public static boolean isTrue(List<JobCondition> conditions, String type) {
    JobCondition c = find(conditions, type);
    return c != null && "True".equals(c.status());
  }

  /** Whether the job has finished: Complete or Failed is True. */
  public static boolean finished(List<JobCondition> conditions) {
    return isTrue(conditions, COMPLETE) || isTrue(conditions, FAILED);
  }

  /**
   * {@code conditions} with the condition of {@code type} set: its transition time kept when the
   * status does not change, else now.
   */
  static List<JobCondition> set(
      List<JobCondition> conditions,
      String type,
      String status,
      String reason,
      String message,
      Instant now) {
    List<JobCondition> out = new ArrayList<>(conditions.size() + 1);
    boolean found = false;
    for (JobCondition c : conditions) {
      if (!type.equals(c.type())) {
        out.add(c);
        continue;
      }
      found = true;
      if (status.equals(c.status())
          && java.util.Objects.equals(reason, c.reason())
          && java.util.Objects.equals(message, c.message())) {
        out.add(c);
      } else {
        Instant since = status.equals(c.status()) ? c.lastTransitionTime() : now;
        out.add(new JobCondition(type, status, now, since, reason, message));
      }
    }
    if (!found) {
      out.add(new JobCondition(type, status, now, now, reason, message));
    }
    return out;
  }
}
