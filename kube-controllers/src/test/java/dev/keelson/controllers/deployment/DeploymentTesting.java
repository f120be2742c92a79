package dev.keelson.controllers.deployment;

import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.apps.v1.DeploymentCondition;
import dev.keelson.api.apps.v1.DeploymentStatus;
import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.controllers.support.ControllerRefs;
import dev.keelson.controllers.testing.Await;
import dev.keelson.controllers.testing.Harness;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/** Reads and edits Deployments in tests. */
final class DeploymentTesting {
  private DeploymentTesting() {}

  static Resources<Deployment> api(Harness h) {
    return h.client.resources(Deployment.class).inNamespace(h.namespace);
  }

  static Resources<ReplicaSet> rsApi(Harness h) {
    return h.client.resources(ReplicaSet.class).inNamespace(h.namespace);
  }

  static Deployment get(Harness h, String name) {
    return api(h).get(name);
  }

  /** The ReplicaSets {@code name} controls, lowest revision first. */
  static List<ReplicaSet> replicaSets(Harness h, String name) {
    String uid = get(h, name).metadata().uid();
    return rsApi(h).list(ListOptions.none()).items().stream()
        .filter(rs -> ControllerRefs.isControlledBy(rs.metadata(), uid))
        .sorted(Comparator.comparingLong(DeploymentUtil::revision))
        .toList();
  }

  /** Edits the Deployment (retrying conflicts with the controller's annotation writes). */
  static Deployment edit(Harness h, String name, UnaryOperator<Deployment> change) {
    for (int i = 0; ; i++) {
      try {
        return api(h).update(change.apply(get(h, name)));
      } catch (dev.keelson.api.errors.ConflictException e) {
        if (i > 20) {
          throw e;
        }
      }
    }
  }

  static DeploymentCondition condition(Deployment d, String type) {
    return d.status() == null ? null : Conditions.get(d.status().conditions(), type);
  }

  /** As {@code kubectl rollout status}: the rollout is observed and finished. */
  static boolean rolledOut(Deployment d) {
    DeploymentStatus s = d.status();
    if (s == null || s.observedGeneration() == null) {
      return false;
    }
    int r = d.spec().replicas();
    return d.metadata().generation() <= s.observedGeneration()
        && DeploymentSync.num(s.updatedReplicas()) == r
        && DeploymentSync.num(s.replicas()) == r
        && DeploymentSync.num(s.availableReplicas()) == r;
  }

  /** Readies pods step by step until {@code name} has rolled out. */
  static void rollOut(Harness h, String name) {
    Await.until(
        h.clock,
        name + " rolled out",
        () -> {
          h.kubelet.readyAll();
          return rolledOut(get(h, name));
        },
        () -> String.valueOf(get(h, name).status()));
  }
}
