package dev.keelson.controllers.deployment;

import dev.keelson.api.apps.v1.DeploymentCondition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Kubernetes' Deployment condition rules ({@code SetDeploymentCondition} and friends). */
final class Conditions {
  static final String PROGRESSING = "Progressing";
  static final String AVAILABLE = "Available";
  static final String REPLICA_FAILURE = "ReplicaFailure";

  static final String NEW_RS_CREATED = "NewReplicaSetCreated";
  static final String FOUND_NEW_RS = "FoundNewReplicaSet";
  static final String RS_UPDATED = "ReplicaSetUpdated";
  static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
  static final String TIMED_OUT = "ProgressDeadlineExceeded";
  static final String FAILED_RS_CREATE = "FailedRSCreate";
  static final String PAUSED = "DeploymentPaused";
  static final String RESUMED = "DeploymentResumed";
  static final String MIN_AVAILABLE = "MinimumReplicasAvailable";
  static final String MIN_UNAVAILABLE = "MinimumReplicasUnavailable";

  private Conditions() {}

  static DeploymentCondition of(
      String type, String status, String reason, String message, Instant now) {
    return new DeploymentCondition(type, status, now, now, reason, message);
  }

  static DeploymentCondition get(List<DeploymentCondition> conditions, String type) {
    for (DeploymentCondition c : conditions) {
      if (type.equals(c.type())) {
        return c;
      }
    }
    return null;
  }

  /**
   * Sets {@code c}: nothing changes when a condition of its type has the same status and reason;
   * with the same status only, the old lastTransitionTime is kept.
   */
  static void set(List<DeploymentCondition> conditions, DeploymentCondition c) {
    DeploymentCondition cur = get(conditions, c.type());
    if (cur != null
        && Objects.equals(cur.status(), c.status())
        && Objects.equals(cur.reason(), c.reason())) {
      return;
    }
    if (cur != null && Objects.equals(cur.status(), c.status())) {
      c = c.withLastTransitionTime(cur.lastTransitionTime());
    }
    remove(conditions, c.type());
    conditions.add(c);
  }

  static void remove(List<DeploymentCondition> conditions, String type) {
    conditions.removeIf(c -> type.equals(c.type()));
  }
}
