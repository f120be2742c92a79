package dev.keelson.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.apps.v1.ReplicaSetStatus;
import dev.keelson.api.core.v1.Event;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodBuilder;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.controllers.support.Pods;
import dev.keelson.controllers.testing.Await;
import dev.keelson.controllers.testing.Harness;
import dev.keelson.testkit.KeelsonTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

@KeelsonTest
class ReplicaSetControllerTest {
  private static final Map<String, String> APP = Map.of("app", "web");

  private static Harness start(KubeClient client, FakeClock clock) {
    Harness h = new Harness(client, clock, "rs");
    h.closeLater(new ReplicaSetController(client, h.informers, clock, 2)).start();
    return h;
  }

  private static Resources<ReplicaSet> rsApi(Harness h) {
    return h.client.resources(ReplicaSet.class).inNamespace(h.namespace);
  }

  private static Resources<Pod> podApi(Harness h) {
    return h.client.resources(Pod.class).inNamespace(h.namespace);
  }

  private static void awaitStatus(Harness h, String name, Predicate<ReplicaSetStatus> p) {
    Await.until(
        h.clock,
        "status of " + name,
        () -> {
          ReplicaSetStatus s = rsApi(h).get(name).status();
          return s != null && p.test(s);
        },
        () -> String.valueOf(rsApi(h).get(name).status()));
  }

  @Test
  void createsTemplatePodsWithGeneratedNamesAndAControllerReference(
      KubeClient client, FakeClock clock) throws Exception {
    try (Harness h = start(client, clock)) {
      ReplicaSet rs = rsApi(h).create(h.replicaSet("web", 3, APP));
      awaitStatus(h, "web", s -> s.replicas() == 3 && s.fullyLabeledReplicas() == 3);
      List<Pod> pods = h.kubelet.pods();
      assertThat(pods).hasSize(3);
      for (Pod p : pods) {
        assertThat(p.metadata().name()).matches("web-[a-z0-9]{5}");
        assertThat(p.metadata().labels()).containsAllEntriesOf(APP);
        OwnerReference ref = p.metadata().controllerReference();
        assertThat(ref.uid()).isEqualTo(rs.metadata().uid());
        assertThat(ref.kind()).isEqualTo("ReplicaSet");
        assertThat(ref.blockOwnerDeletion()).isTrue();
        assertThat(p.spec().containers().get(0).image()).isEqualTo("nginx:1");
      }
      ReplicaSetStatus s = rsApi(h).get("web").status();
      assertThat(s.readyReplicas()).isZero();
      assertThat(s.availableReplicas()).isZero();
      assertThat(s.observedGeneration()).isEqualTo(rsApi(h).get("web").metadata().generation());

      h.kubelet.readyAll();
      awaitStatus(h, "web", st -> st.readyReplicas() == 3 && st.availableReplicas() == 3);
      Await.until(
          h.clock,
          "SuccessfulCreate events",
          () ->
              h
                      .client
                      .resources(Event.class)
                      .inNamespace(h.namespace)
                      .list(ListOptions.none())
                      .items()
                      .stream()
                      .filter(e -> "SuccessfulCreate".equals(e.reason()))
                      .filter(e -> e.message().matches("Created pod: web-[a-z0-9]{5}"))
                      .count()
                  == 3);
    }
  }

  @Test
  void replacesDeletedAndTerminalPodsAndNeverOvershoots(KubeClient client, FakeClock clock)
      throws Exception {
    try (Harness h = start(client, clock)) {
      rsApi(h).create(h.replicaSet("burst", 20, APP));
      awaitStatus(h, "burst", s -> s.replicas() == 20);
      assertThat(h.kubelet.pods()).hasSize(20); // expectations: the burst was not repeated
      h.kubelet.readyAll();
      Pod victim = h.kubelet.activePods().get(0);
      h.kubelet.setStatus(victim, "Failed", false, 0); // terminal pods do not count
      Await.until(
          h.clock,
          "a replacement for the failed pod",
          () -> h.kubelet.activePods().size() == 20 && h.kubelet.pods().size() == 21);
      awaitStatus(h, "burst", s -> s.replicas() == 20);
      assertThat(h.kubelet.pods()).hasSize(21);
    }
  }

  @Test
  void scalesDownInKubernetesPreferenceOrder(KubeClient client, FakeClock clock) throws Exception {
    try (Harness h = start(client, clock)) {
      // Orphans in every state, adopted by a ReplicaSet of exactly their number.
      Pod unscheduled = orphan(h, "unscheduled", false);
      Pod pending = orphan(h, "pending", true);
      Pod unknown = orphan(h, "unknown", true);
      Pod notReady = orphan(h, "not-ready", true);
      Pod readyLong = orphan(h, "ready-long", true);
      Pod readyLongRestarts = orphan(h, "ready-long-restarts", true);
      Pod readyShort = orphan(h, "ready-short", true);
      h.kubelet.setStatus(pending, "Pending", false, 0);
      h.kubelet.setStatus(unknown, "Unknown", false, 0);
      h.kubelet.markRunningNotReady(notReady);
      h.kubelet.markReady(readyLong);
      h.kubelet.setStatus(readyLongRestarts, "Running", true, 4);
      clock.advance(Duration.ofSeconds(100));
      h.kubelet.markReady(readyShort);

      // The controller's pod informer has all seven before the ReplicaSet appears.
      Await.until(
          h.clock,
          "informer shows the orphans",
          () -> h.informers.informer(Pod.class).indexer().list(h.namespace).size() == 7);
      rsApi(h).create(h.replicaSet("order", 7, APP));
      awaitStatus(h, "order", s -> s.replicas() == 7);
      assertThat(h.kubelet.pods())
          .allSatisfy(p -> assertThat(p.metadata().controllerReference()).isNotNull());

      List<String> expected =
          List.of(
              "unscheduled",
              "pending",
              "unknown",
              "not-ready",
              "ready-short",
              "ready-long-restarts",
              "ready-long");
      List<String> deleted = new ArrayList<>();
      for (int replicas = 6; replicas >= 0; replicas--) {
        scale(h, "order", replicas);
        int want = replicas;
        Await.until(h.clock, "scale to " + want, () -> h.kubelet.activePods().size() == want);
        for (String name : expected) {
          if (!deleted.contains(name)
              && h.kubelet.activePods().stream().noneMatch(p -> p.metadata().name().equals(name))) {
            deleted.add(name);
          }
        }
        assertThat(deleted).as("deleted after scaling to %d", replicas).hasSize(7 - replicas);
      }
      assertThat(deleted).containsExactlyElementsOf(expected);
    }
  }

  /** Sets spec.replicas, retrying conflicts with the controller's status writes. */
  private static void scale(Harness h, String name, int replicas) {
    for (int attempt = 0; ; attempt++) {
      ReplicaSet cur = rsApi(h).get(name);
      try {
        rsApi(h).update(cur.withSpec(cur.spec().withReplicas(replicas)));
        return;
      } catch (ConflictException e) {
        if (attempt > 20) {
          throw e;
        }
      }
    }
  }

  private static Pod orphan(Harness h, String name, boolean scheduled) {
    return podApi(h)
        .create(
            PodBuilder.builder()
                .metadata(
                    ObjectMetaBuilder.builder()
                        .name(name)
                        .namespace(h.namespace)
                        .labels(APP)
                        .build())
                .spec(
                    scheduled
                        ? Harness.podSpec("nginx:1")
                        : Harness.podSpec("nginx:1").withNodeName(null))
                .build());
  }

  @Test
  void adoptsMatchingOrphansAndReleasesPodsThatStopMatching(KubeClient client, FakeClock clock)
      throws Exception {
    try (Harness h = start(client, clock)) {
      orphan(h, "stray", true);
      ReplicaSet rs = rsApi(h).create(h.replicaSet("adopter", 2, APP));
      awaitStatus(h, "adopter", s -> s.replicas() == 2);
      Pod stray = podApi(h).get("stray");
      assertThat(stray.metadata().controllerReference().uid()).isEqualTo(rs.metadata().uid());
      assertThat(h.kubelet.pods()).hasSize(2);

      // Relabel the adopted pod: it is released and replaced.
      podApi(h).update(stray.withMetadata(stray.metadata().withLabels(Map.of("app", "other"))));
      Await.until(
          h.clock,
          "release of stray",
          () -> podApi(h).get("stray").metadata().ownerReferences().isEmpty());
      Await.until(
          h.clock,
          "a replacement",
          () ->
              h.kubelet.pods().stream()
                      .filter(p -> APP.get("app").equals(p.metadata().label("app")))
                      .count()
                  == 2);
      assertThat(h.kubelet.pods()).hasSize(3);
    }
  }

  @Test
  void podsOfAnotherControllerAreLeftAlone(KubeClient client, FakeClock clock) throws Exception {
    try (Harness h = start(client, clock)) {
      ReplicaSet first = rsApi(h).create(h.replicaSet("first", 2, APP));
      awaitStatus(h, "first", s -> s.replicas() == 2);
      // A second ReplicaSet with an overlapping selector adopts nothing and makes its own pods.
      rsApi(h).create(h.replicaSet("second", 1, APP));
      awaitStatus(h, "second", s -> s.replicas() == 1);
      assertThat(h.kubelet.pods()).hasSize(3);
      assertThat(
              h.kubelet.pods().stream()
                  .filter(
                      p -> p.metadata().controllerReference().uid().equals(first.metadata().uid()))
                  .count())
          .isEqualTo(2);
    }
  }

  @Test
  void availableOnlyAfterMinReadySecondsOnTheClock(KubeClient client, FakeClock clock)
      throws Exception {
    try (Harness h = start(client, clock)) {
      ReplicaSet rs = h.replicaSet("slow", 2, APP);
      rsApi(h).create(rs.withSpec(rs.spec().withMinReadySeconds(30)));
      awaitStatus(h, "slow", s -> s.replicas() == 2);
      h.kubelet.readyAll();
      awaitStatus(h, "slow", s -> s.readyReplicas() == 2);
      assertThat(rsApi(h).get("slow").status().availableReplicas()).isZero();
      clock.advance(Duration.ofSeconds(29));
      Thread.sleep(100);
      assertThat(rsApi(h).get("slow").status().availableReplicas()).isZero();
      clock.advance(Duration.ofSeconds(1)); // the controller asked to look again now
      awaitStatus(h, "slow", s -> s.availableReplicas() == 2);
      assertThat(h.kubelet.activePods()).allMatch(p -> Pods.isAvailable(p, 30, clock.instant()));
    }
  }
}
