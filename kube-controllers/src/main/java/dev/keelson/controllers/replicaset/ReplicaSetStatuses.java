package dev.keelson.controllers.replicaset;

import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.apps.v1.ReplicaSetCondition;
import dev.keelson.api.apps.v1.ReplicaSetStatus;
import dev.keelson.api.apps.v1.ReplicaSetStatusBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.selector.Selector;
import dev.keelson.controllers.support.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The status a ReplicaSet reports ({@code calculateStatus}). */
final class ReplicaSetStatuses {
  /** The condition type of create and delete failures. */
  static final String REPLICA_FAILURE = "ReplicaFailure";

  private ReplicaSetStatuses() {}

  static ReplicaSetStatus calculate(
      ReplicaSet rs, List<Pod> active, ApiException manageError, int diff, Instant now) {
    int minReady = minReadySeconds(rs);
    Map<String, String> templateLabels =
        rs.spec().template() == null || rs.spec().template().metadata() == null
            ? Map.of()
            : rs.spec().template().metadata().labels();
    Selector templateSelector = Selector.matching(templateLabels);
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    for (Pod p : active) {
      if (templateSelector.matches(p.metadata().labels())) {
        fullyLabeled++;
      }
      if (Pods.isReady(p)) {
        ready++;
        if (Pods.isAvailable(p, minReady, now)) {
          available++;
        }
      }
    }
    ReplicaSetStatus old = rs.status();
    List<ReplicaSetCondition> conditions =
        old == null ? new ArrayList<>() : new ArrayList<>(old.conditions());
    boolean hasFailure = conditions.stream().anyMatch(c -> REPLICA_FAILURE.equals(c.type()));
    if (manageError != null && !hasFailure) {
      String reason = diff < 0 ? "FailedCreate" : "FailedDelete";
      conditions.add(
          new ReplicaSetCondition(REPLICA_FAILURE, "True", now, reason, manageError.getMessage()));
    } else if (manageError == null && hasFailure) {
      conditions.removeIf(c -> REPLICA_FAILURE.equals(c.type()));
    }
    return ReplicaSetStatusBuilder.builder()
        .replicas(active.size())
        .fullyLabeledReplicas(fullyLabeled)
        .readyReplicas(ready)
        .availableReplicas(available)
        .terminatingReplicas(old == null ? null : old.terminatingReplicas())
        .observedGeneration(rs.metadata().generation())
        .conditions(conditions)
        .build();
  }

  /**
   * How long until the next Ready pod becomes available (Ready for minReadySeconds), or null when
   * none is waiting: the controller looks again then to count it.
   */
  static Duration untilNextAvailable(ReplicaSet rs, List<Pod> active, Instant now) {
    int minReady = minReadySeconds(rs);
    if (minReady <= 0) {
      return null;
    }
    Duration next = null;
    for (Pod p : active) {
      Instant since = Pods.readySince(p);
      if (since == null || Pods.isAvailable(p, minReady, now)) {
        continue;
      }
      Duration left = Duration.between(now, since.plusSeconds(minReady));
      if (left.isNegative()) {
        left = Duration.ZERO;
      }
      if (next == null || left.compareTo(next) < 0) {
        next = left;
      }
    }
    return next;
  }

  static int minReadySeconds(ReplicaSet rs) {
    Integer m = rs.spec().minReadySeconds();
    return m == null ? 0 : m;
  }
}
