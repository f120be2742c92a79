package dev.keelson.controllers.deployment;

import static dev.keelson.controllers.deployment.DeploymentTesting.api;
import static dev.keelson.controllers.deployment.DeploymentTesting.condition;
import static dev.keelson.controllers.deployment.DeploymentTesting.edit;
import static dev.keelson.controllers.deployment.DeploymentTesting.get;
import static dev.keelson.controllers.deployment.DeploymentTesting.replicaSets;
import static dev.keelson.controllers.deployment.DeploymentTesting.rollOut;
import static dev.keelson.controllers.deployment.DeploymentTesting.rolledOut;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.apps.v1.DeploymentCondition;
import dev.keelson.api.apps.v1.DeploymentStatus;
import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.core.v1.Event;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.values.IntOrString;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.controllers.testing.Await;
import dev.keelson.controllers.testing.Harness;
import dev.keelson.controllers.testing.PodObserver;
import dev.keelson.testkit.KeelsonTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@KeelsonTest
class DeploymentControllerTest {
  private static final Map<String, String> APP = Map.of("app", "web");

  private static String image(Pod p) {
    return p.spec().containers().get(0).image();
  }

  private static Deployment withImage(Deployment d, String image) {
    PodTemplateSpec t = d.spec().template();
    return d.withSpec(
        d.spec()
            .withTemplate(
                t.withSpec(
                    t.spec()
                        .withContainers(List.of(t.spec().containers().get(0).withImage(image))))));
  }

  @Test
  void rolledOutDeploymentReportsWhatKubectlReads(KubeClient client, FakeClock clock)
      throws Exception {
    try (Harness h = new Harness(client, clock, "dep").startControllers()) {
      api(h).create(h.deployment("web", 3, APP, "nginx:1"));
      rollOut(h, "web");
      Deployment d = get(h, "web");
      List<ReplicaSet> sets = replicaSets(h, "web");
      assertThat(sets).hasSize(1);
      ReplicaSet rs = sets.get(0);
      String hash = rs.metadata().label(DeploymentUtil.POD_TEMPLATE_HASH);
      assertThat(hash).isNotEmpty().matches("[bcdfghjklmnpqrstvwxz2456789]+");
      assertThat(rs.metadata().name()).isEqualTo("web-" + hash);
      assertThat(rs.spec().selector().matchLabels())
          .containsEntry("app", "web")
          .containsEntry(DeploymentUtil.POD_TEMPLATE_HASH, hash);
      assertThat(rs.spec().template().metadata().labels())
          .containsEntry(DeploymentUtil.POD_TEMPLATE_HASH, hash);
      assertThat(rs.metadata().annotations())
          .containsEntry(DeploymentUtil.REVISION, "1")
          .containsEntry(DeploymentUtil.DESIRED_REPLICAS, "3")
          .containsEntry(DeploymentUtil.MAX_REPLICAS, "4"); // 3 + 25% of 3 rounded up
      assertThat(d.metadata().annotation(DeploymentUtil.REVISION)).isEqualTo("1");

      DeploymentStatus s = d.status();
      assertThat(s.observedGeneration()).isEqualTo(d.metadata().generation());
      assertThat(
              List.of(s.replicas(), s.updatedReplicas(), s.readyReplicas(), s.availableReplicas()))
          .containsOnly(3);
      assertThat(s.unavailableReplicas()).isZero();
      DeploymentCondition available = condition(d, "Available");
      assertThat(available.status()).isEqualTo("True");
      assertThat(available.reason()).isEqualTo("MinimumReplicasAvailable");
      assertThat(available.message()).isEqualTo("Deployment has minimum availability.");
      Await.until(
          clock,
          "Progressing NewReplicaSetAvailable",
          () -> "NewReplicaSetAvailable".equals(condition(get(h, "web"), "Progressing").reason()));
      Await.until(
          clock,
          "a ScalingReplicaSet event",
          () ->
              client
                  .resources(Event.class)
                  .inNamespace(h.namespace)
                  .list(ListOptions.none())
                  .items()
                  .stream()
                  .anyMatch(
                      e ->
                          "ScalingReplicaSet".equals(e.reason())
                              && ("Scaled up replica set web-" + hash + " to 3")
                                  .equals(e.message())));
      DeploymentCondition progressing = condition(get(h, "web"), "Progressing");
      assertThat(progressing.status()).isEqualTo("True");
      assertThat(progressing.message())
          .isEqualTo("ReplicaSet \"web-" + hash + "\" has successfully progressed.");
    }
  }

  @Test
  void rollingUpdateStaysWithinSurgeAndAvailabilityAtEveryStep(KubeClient client, FakeClock clock)
      throws Exception {
    try (Harness h = new Harness(client, clock, "roll").startControllers()) {
      // 10 replicas, default 25%/25%: maxSurge 3 (rounded up), maxUnavailable 2 (rounded down).
      api(h).create(h.deployment("web", 10, APP, "nginx:1"));
      rollOut(h, "web");
      assertRollingUpdateBounds(h, 10, 13, 8, "nginx:2");
    }
  }

  @Test
  void rollingUpdateWithIntegerBoundsAndNoUnavailability(KubeClient client, FakeClock clock)
      throws Exception {
    try (Harness h = new Harness(client, clock, "roll-int").startControllers()) {
      api(h)
          .create(
              Harness.rolling(
                  h.deployment("web", 4, APP, "nginx:1"), IntOrString.of(1), IntOrString.of(0)));
      rollOut(h, "web");
      assertRollingUpdateBounds(h, 4, 5, 4, "nginx:2");
    }
  }

  /**
   * Changes the image and steps the fake kubelet one pod at a time; the pod observer checks every
   * state the API server went through, the loop checks the controllers' view at every step.
   */
  private static void assertRollingUpdateBounds(
      Harness h, int replicas, int maxPods, int minReady, String image) {
    try (PodObserver observer =
        new PodObserver(
            h.client,
            h.namespace,
            pods -> {
              long active = PodObserver.active(pods);
              long ready = PodObserver.ready(pods);
              if (active > maxPods) {
                return active + " active pods > " + maxPods;
              }
              if (ready < minReady) {
                return ready + " ready pods < " + minReady;
              }
              return null;
            })) {
      edit(h, "web", d -> withImage(d, image));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int steps = 0;
      while (true) {
        Deployment d = get(h, "web");
        List<ReplicaSet> sets = replicaSets(h, "web");
        int specSum = sets.stream().mapToInt(rs -> rs.spec().replicas()).sum();
        assertThat(specSum)
            .as("replica sets' replicas at step %d", steps)
            .isLessThanOrEqualTo(maxPods);
        if (d.status() != null && d.status().availableReplicas() != null) {
          assertThat(d.status().availableReplicas())
              .as("available at step %d", steps)
              .isGreaterThanOrEqualTo(minReady);
        }
        assertThat(observer.violations()).as("pod states at step %d", steps).isEmpty();
        List<Pod> active = h.kubelet.activePods();
        if (rolledOut(d)
            && active.size() == replicas
            && active.stream().allMatch(p -> image.equals(image(p)))) {
          break;
        }
        assertThat(System.nanoTime()).as("rollout finished in time").isLessThan(deadline);
        h.kubelet.readyOne();
        h.clock.advance(Duration.ofMillis(1));
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        steps++;
      }
      assertThat(observer.violations()).isEmpty();
      assertThat(observer.events()).isGreaterThan(3 * replicas);
      Await.until(
          h.clock,
          "old ReplicaSet at 0, new at " + replicas,
          () -> sizes(h).equals(List.of(0, replicas)),
          () -> replicaSets(h, "web").toString());
      assertThat(get(h, "web").metadata().annotation(DeploymentUtil.REVISION)).isEqualTo("2");
    }
  }

  @Test
  void recreateRemovesEveryOldPodBeforeTheNewReplicaSetScalesUp(KubeClient client, FakeClock clock)
      throws Exception {
    try (Harness h = new Harness(client, clock, "recreate").startControllers()) {
      api(h).create(Harness.recreate(h.deployment("db", 3, APP, "db:1")));
      rollOut(h, "db");
      try (PodObserver observer =
          new PodObserver(
              h.client,
              h.namespace,
              pods -> {
                boolean oldPods = pods.stream().anyMatch(p -> "db:1".equals(image(p)));
                boolean newPods = pods.stream().anyMatch(p -> "db:2".equals(image(p)));
                return oldPods && newPods ? "old and new pods at once: " + pods.size() : null;
              })) {
        edit(h, "db", d -> withImage(d, "db:2"));
        // Old pods are terminating until the kubelet confirms; the new ReplicaSet must wait.
        Await.until(
            clock,
            "old pods terminating",
            () ->
                h.kubelet.pods().stream().allMatch(p -> p.metadata().deletionTimestamp() != null));
        Thread.sleep(200);
        assertThat(h.kubelet.pods()).noneMatch(p -> "db:2".equals(image(p)));
        rollOut(h, "db");
        assertThat(h.kubelet.activePods()).hasSize(3).allMatch(p -> "db:2".equals(image(p)));
        assertThat(observer.violations()).isEmpty();
      }
    }
  }

  @Test
  void rollbackReusesTheOldReplicaSetWithANewRevision(KubeClient client, FakeClock clock)
      throws Exception {
    try (Harness h = new Harness(client, clock, "undo").startControllers()) {
      api(h).create(h.deployment("app", 2, APP, "app:1"));
      rollOut(h, "app");
      edit(h, "app", d -> withImage(d, "app:2"));
      rollOut(h, "app");
      List<ReplicaSet> sets = replicaSets(h, "app");
      assertThat(sets).hasSize(2);
      assertThat(sets.get(0).metadata().annotation(DeploymentUtil.REVISION)).isEqualTo("1");
      assertThat(sets.get(1).metadata().annotation(DeploymentUtil.REVISION)).isEqualTo("2");
      assertThat(get(h, "app").metadata().annotation(DeploymentUtil.REVISION)).isEqualTo("2");

      // Roll back as kubectl rollout undo does: apply revision 1's template without its hash.
      PodTemplateSpec old = sets.get(0).spec().template();
      Map<String, String> labels = new LinkedHashMap<>(old.metadata().labels());
      labels.remove(DeploymentUtil.POD_TEMPLATE_HASH);
      PodTemplateSpec template = old.withMetadata(old.metadata().withLabels(labels));
      edit(h, "app", d -> d.withSpec(d.spec().withTemplate(template)));
      rollOut(h, "app");
      Await.until(
          clock,
          "revision 3",
          () -> "3".equals(get(h, "app").metadata().annotation(DeploymentUtil.REVISION)));
      List<ReplicaSet> after = replicaSets(h, "app"); // by revision: 2, then 3 (formerly 1)
      assertThat(after).hasSize(2);
      ReplicaSet first = after.get(1);
      assertThat(first.metadata().uid()).isEqualTo(sets.get(0).metadata().uid());
      assertThat(first.metadata().annotations())
          .containsEntry(DeploymentUtil.REVISION, "3")
          .containsEntry(DeploymentUtil.REVISION_HISTORY, "1");
      assertThat(first.spec().replicas()).isEqualTo(2);
      assertThat(after.get(0).spec().replicas()).isZero();
      assertThat(h.kubelet.activePods()).hasSize(2).allMatch(p -> "app:1".equals(image(p)));
    }
  }

  @Test
  void pausedDeploymentScalesProportionallyButDoesNotRollOut(KubeClient client, FakeClock clock)
      throws Exception {
    try (Harness h = new Harness(client, clock, "pause").startControllers()) {
      api(h).create(h.deployment("web", 10, APP, "nginx:1"));
      rollOut(h, "web");
      edit(h, "web", d -> withImage(d, "nginx:2"));
      // No new pod becomes ready: the rollout stops at old 8 (10 - maxUnavailable 2), new 5
      // (10 + maxSurge 3 - 8).
      Await.until(
          clock,
          "rollout to stall at 8 + 5",
          () -> sizes(h).equals(List.of(8, 5)),
          () -> sizes(h).toString());
      edit(h, "web", d -> d.withSpec(d.spec().withPaused(true)));
      Await.until(
          clock,
          "Progressing DeploymentPaused",
          () -> "DeploymentPaused".equals(condition(get(h, "web"), "Progressing").reason()));
      assertThat(condition(get(h, "web"), "Progressing").status()).isEqualTo("Unknown");

      // Scaling a paused Deployment to 20 (maxSurge 5): 25 - 13 = 12 more replicas, shared as
      // Kubernetes does by each ReplicaSet's share of the max-replicas annotation (13): old
      // round(8 * 25 / 13) = 15, new round(5 * 25 / 13) = 10.
      edit(h, "web", d -> d.withSpec(d.spec().withReplicas(20)));
      Await.until(
          clock,
          "proportional scaling",
          () -> sizes(h).equals(List.of(15, 10)),
          () -> sizes(h).toString());

      // A template change while paused creates no ReplicaSet.
      Deployment changed = edit(h, "web", d -> withImage(d, "nginx:3"));
      Await.until(
          clock,
          "paused change observed",
          () -> get(h, "web").status().observedGeneration() >= changed.metadata().generation());
      assertThat(replicaSets(h, "web")).hasSize(2);
      assertThat(sizes(h)).isEqualTo(List.of(15, 10));

      edit(h, "web", d -> d.withSpec(d.spec().withPaused(false)));
      rollOut(h, "web");
      Await.until(
          clock,
          "all pods nginx:3",
          () -> {
            h.kubelet.readyAll();
            List<Pod> active = h.kubelet.activePods();
            return active.size() == 20 && active.stream().allMatch(p -> "nginx:3".equals(image(p)));
          });
      assertThat(replicaSets(h, "web")).hasSize(3);
    }
  }

  private static List<Integer> sizes(Harness h) {
    return replicaSets(h, "web").stream().map(rs -> rs.spec().replicas()).toList();
  }

  @Test
  void progressDeadlineExceededOnTheClockThenRecovers(KubeClient client, FakeClock clock)
      throws Exception {
    try (Harness h = new Harness(client, clock, "deadline").startControllers()) {
      Deployment d = h.deployment("slow", 2, APP, "nginx:1");
      api(h).create(d.withSpec(d.spec().withProgressDeadlineSeconds(30)));
      Await.until(
          clock,
          "pods created",
          () -> {
            Deployment cur = get(h, "slow");
            DeploymentCondition c = condition(cur, "Progressing");
            return c != null && "True".equals(c.status()) && cur.status().replicas() == 2;
          });
      assertThat(condition(get(h, "slow"), "Available").reason())
          .isEqualTo("MinimumReplicasUnavailable");
      String rsName = replicaSets(h, "slow").get(0).metadata().name();
      clock.advance(Duration.ofSeconds(31));
      Await.until(
          clock,
          Duration.ofMillis(100),
          "ProgressDeadlineExceeded",
          () -> "False".equals(condition(get(h, "slow"), "Progressing").status()),
          () -> String.valueOf(get(h, "slow").status()));
      DeploymentCondition c = condition(get(h, "slow"), "Progressing");
      assertThat(c.reason()).isEqualTo("ProgressDeadlineExceeded");
      assertThat(c.message()).isEqualTo("ReplicaSet \"" + rsName + "\" has timed out progressing.");

      rollOut(h, "slow");
      Await.until(
          clock,
          "NewReplicaSetAvailable",
          () -> "NewReplicaSetAvailable".equals(condition(get(h, "slow"), "Progressing").reason()));
      assertThat(condition(get(h, "slow"), "Available").status()).isEqualTo("True");
    }
  }

  @Test
  void revisionHistoryLimitDeletesTheOldestEmptyReplicaSets(KubeClient client, FakeClock clock)
      throws Exception {
    try (Harness h = new Harness(client, clock, "history").startControllers()) {
      Deployment d = h.deployment("web", 1, APP, "nginx:1");
      api(h).create(d.withSpec(d.spec().withRevisionHistoryLimit(1)));
      rollOut(h, "web");
      for (String image : List.of("nginx:2", "nginx:3")) {
        edit(h, "web", x -> withImage(x, image));
        rollOut(h, "web");
      }
      Await.until(
          clock,
          "one old ReplicaSet kept",
          () -> replicaSets(h, "web").size() == 2,
          () -> replicaSets(h, "web").toString());
      assertThat(replicaSets(h, "web"))
          .extracting(rs -> rs.metadata().annotation(DeploymentUtil.REVISION))
          .containsExactly("2", "3");
    }
  }
}
