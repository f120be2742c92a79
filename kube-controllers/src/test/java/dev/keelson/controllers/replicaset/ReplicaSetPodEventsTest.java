package dev.keelson.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodBuilder;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.controllers.support.Expectations;
import dev.keelson.testkit.KeelsonTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the pod handler tells the expectations, driven directly (no informer runs). */
@KeelsonTest
class ReplicaSetPodEventsTest {
  private static Pod pod(String name, boolean terminating, FakeClock clock) {
    return PodBuilder.builder()
        .metadata(
            ObjectMetaBuilder.builder()
                .namespace("ns")
                .name(name)
                .uid("uid-" + name)
                .ownerReferences(
                    List.of(
                        new OwnerReference(
                            "apps/v1", ReplicaSet.KIND, "web", "uid-web", true, true)))
                .deletionTimestamp(terminating ? clock.instant() : null)
                .build())
        .build();
  }

  @Test
  void aPodFirstSeenTerminatingStillCountsAsCreated(KubeClient client) {
    // The ReplicaSet made two pods; one was deleted before the handler took its add, so the
    // handler hears of it first with a deletionTimestamp. Both creations happened: the ReplicaSet
    // may sync again at once, not after the expectation's 5 minutes.
    FakeClock clock = new FakeClock();
    InformerFactory informers = InformerFactory.create(client);
    try (ReplicaSetController c = new ReplicaSetController(client, informers, clock)) {
      Expectations e = c.expectations();
      e.expectCreations("ns/web", 2);
      c.podEvents().onAdd(pod("web-a", false, clock), false);
      assertThat(e.satisfied("ns/web")).isFalse();
      c.podEvents().onAdd(pod("web-b", true, clock), false);
      assertThat(e.satisfied("ns/web")).isTrue();
    } finally {
      informers.close();
    }
  }
}
