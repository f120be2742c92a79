package dev.keelson.controllers.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodBuilder;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingPodsTest {
  private static Pod pod(String name) {
    return PodBuilder.builder()
        .metadata(ObjectMetaBuilder.builder().name(name).uid("uid-" + name).build())
        .build();
  }

  @Test
  void createdPodsShowUntilTheCacheHasThem() {
    FakeClock clock = new FakeClock();
    PendingPods pending = new PendingPods(clock);
    pending.created("rs", pod("a"));
    assertThat(pending.view("rs", List.of()))
        .extracting(p -> p.metadata().name())
        .containsExactly("a");
    assertThat(pending.view("rs", List.of(pod("a")))).hasSize(1);
    // once seen, the entry is gone: a later deletion from the cache is believed
    assertThat(pending.view("rs", List.of())).isEmpty();
  }

  @Test
  void deletedPodsLookTerminatingUntilTheCacheCatchesUp() {
    FakeClock clock = new FakeClock();
    PendingPods pending = new PendingPods(clock);
    pending.deleted("rs", pod("a"));
    List<Pod> view = pending.view("rs", List.of(pod("a"), pod("b")));
    assertThat(Pods.isTerminating(view.get(0))).isTrue();
    assertThat(Pods.isTerminating(view.get(1))).isFalse();
    assertThat(pending.view("rs", List.of())).isEmpty();
    assertThat(Pods.isTerminating(pending.view("rs", List.of(pod("a"))).get(0))).isFalse();
  }

  @Test
  void unobservedWritesExpire() {
    FakeClock clock = new FakeClock();
    PendingPods pending = new PendingPods(clock);
    pending.created("rs", pod("a"));
    clock.advance(PendingPods.TIMEOUT.plus(Duration.ofSeconds(1)));
    assertThat(pending.view("rs", List.of())).isEmpty();
  }

  @Test
  void aPodCreatedThenDeletedBeforeTheCacheShowedEitherStaysDeleted() {
    // A pass created the pod; the next pass, on the same stale cache, deleted it (a Job whose
    // parallelism went down, a DaemonSet whose node went away). Until the cache shows the pod, the
    // passes after must not count it as active again; when the cache shows it before its deletion,
    // it is terminating.
    FakeClock clock = new FakeClock();
    PendingPods pending = new PendingPods(clock);
    pending.created("rs", pod("a"));
    pending.deleted("rs", pod("a"));
    assertThat(pending.view("rs", List.of())).as("neither shown yet").isEmpty();
    assertThat(pending.view("rs", List.of())).as("and again").isEmpty();
    List<Pod> created = pending.view("rs", List.of(pod("a")));
    assertThat(created).hasSize(1);
    assertThat(Pods.isTerminating(created.get(0))).as("the create shown, not the delete").isTrue();
    assertThat(pending.view("rs", List.of())).as("the delete shown").isEmpty();
  }
}
