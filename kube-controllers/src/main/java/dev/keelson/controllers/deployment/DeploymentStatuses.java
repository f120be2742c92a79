package dev.keelson.controllers.deployment;

import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.apps.v1.DeploymentCondition;
import dev.keelson.api.apps.v1.DeploymentStatus;
import dev.keelson.api.apps.v1.DeploymentStatusBuilder;
import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.apps.v1.ReplicaSetCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The status a Deployment reports ({@code calculateStatus}). */
final class DeploymentStatuses {
  private DeploymentStatuses() {}

  static DeploymentStatus calculate(
      Deployment d, List<ReplicaSet> all, ReplicaSet newRs, Instant now) {
    int available = 0;
    int ready = 0;
    int actual = 0;
    for (ReplicaSet rs : all) {
      available += DeploymentUtil.availableReplicas(rs);
      ready += DeploymentUtil.readyReplicas(rs);
      actual += DeploymentUtil.statusReplicas(rs);
    }
    int total = DeploymentUtil.specSum(all);
    int unavailable = Math.max(0, total - available);
    DeploymentStatus old = d.status();
    List<DeploymentCondition> conds =
        old == null ? new ArrayList<>() : new ArrayList<>(old.conditions());
    if (available >= DeploymentUtil.replicas(d) - DeploymentUtil.maxUnavailable(d)) {
      Conditions.set(
          conds,
          Conditions.of(
              Conditions.AVAILABLE,
              "True",
              Conditions.MIN_AVAILABLE,
              "Deployment has minimum availability.",
              now));
    } else {
      Conditions.set(
          conds,
          Conditions.of(
              Conditions.AVAILABLE,
              "False",
              Conditions.MIN_UNAVAILABLE,
              "Deployment does not have minimum availability.",
              now));
    }
    return DeploymentStatusBuilder.builder()
        .observedGeneration(d.metadata().generation())
        .replicas(actual)
        .updatedReplicas(newRs == null ? 0 : DeploymentUtil.statusReplicas(newRs))
        .readyReplicas(ready)
        .availableReplicas(available)
        .unavailableReplicas(unavailable)
        .terminatingReplicas(old == null ? null : old.terminatingReplicas())
        .collisionCount(old == null ? null : old.collisionCount())
        .conditions(conds)
        .build();
  }

  /**
   * The ReplicaFailure condition to report: the new ReplicaSet's, else an old one's, else null
   * ({@code getReplicaFailures}).
   */
  static DeploymentCondition replicaFailure(List<ReplicaSet> all, ReplicaSet newRs) {
    if (newRs != null) {
      DeploymentCondition c = failureOf(newRs);
      if (c != null) {
        return c;
      }
    }
    for (ReplicaSet rs : all) {
      DeploymentCondition c = failureOf(rs);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  private static DeploymentCondition failureOf(ReplicaSet rs) {
    if (rs.status() == null) {
      return null;
    }
    for (ReplicaSetCondition c : rs.status().conditions()) {
      if (Conditions.REPLICA_FAILURE.equals(c.type())) {
        return new DeploymentCondition(
            c.type(),
            c.status(),
            c.lastTransitionTime(),
            c.lastTransitionTime(),
            c.reason(),
            c.message());
      }
    }
    return null;
  }
}
