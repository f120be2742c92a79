package dev.keelson.controllers.testing;

import dev.keelson.api.core.v1.ContainerState;
import dev.keelson.api.core.v1.ContainerStateTerminated;
import dev.keelson.api.core.v1.ContainerStatus;
import dev.keelson.api.core.v1.ContainerStatusBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodCondition;
import dev.keelson.api.core.v1.PodStatus;
import dev.keelson.api.core.v1.PodStatusBuilder;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Plays the kubelet for the workload controller tests (StatefulSet, DaemonSet, Job, CronJob; see
 * also {@link FakeKubelet}): moves pods to Running and Ready, or to Succeeded or Failed, through
 * the status subresource, with condition times from a clock.
 */
public final class WorkloadKubelet {
  private final Resources<Pod> pods;
  private final Clock clock;

  /** A kubelet writing pods of {@code namespace}. */
  public WorkloadKubelet(KubeClient client, String namespace, Clock clock) {
    this.pods = client.resources(Pod.class).inNamespace(namespace);
    this.clock = clock;
  }

  /** The pod named {@code name}, waiting up to 10 s for it to exist. */
  public Pod await(String name) {
    return Await.until(
        "pod " + name,
        () -> {
          try {
            return pods.get(name);
          } catch (dev.keelson.api.errors.NotFoundException e) {
            return null;
          }
        });
  }

  /** The pods matching {@code labelSelector}. */
  public List<Pod> list(String labelSelector) {
    return pods.list(ListOptions.builder().labelSelector(labelSelector).build()).items();
  }

  /** Phase Running, Ready=True (since now on the clock). */
  public Pod runReady(String name) {
    return write(name, s -> status(s, "Running", "True", null));
  }

  /** Phase Running, Ready=False. */
  public Pod runNotReady(String name) {
    return write(name, s -> status(s, "Running", "False", null));
  }

  /** Phase Succeeded, its containers terminated with exit code 0. */
  public Pod succeed(String name) {
    return write(name, s -> status(s, "Succeeded", "False", 0));
  }

  /** Phase Failed, its containers terminated with exit code 1. */
  public Pod fail(String name) {
    return write(name, s -> status(s, "Failed", "False", 1));
  }

  private PodStatus status(PodStatus old, String phase, String ready, Integer exitCode) {
    Instant now = clock.instant();
    PodCondition c = new PodCondition("Ready", null, ready, null, now, null, null);
    PodStatusBuilder b = old == null ? PodStatusBuilder.builder() : PodStatusBuilder.builder(old);
    b.phase(phase).conditions(List.of(c)).startTime(now);
    if (exitCode != null) {
      ContainerStateTerminated t =
          new ContainerStateTerminated(
              exitCode, null, exitCode == 0 ? "Completed" : "Error", null, now, now, null);
      ContainerStatus cs =
          ContainerStatusBuilder.builder()
              .name("main")
              .state(new ContainerState(null, null, t))
              .ready(false)
              .restartCount(0)
              .build();
      b.containerStatuses(List.of(cs));
    }
    return b.build();
  }

  private Pod write(String name, UnaryOperator<PodStatus> change) {
    for (int attempt = 0; ; attempt++) {
      Pod pod = await(name);
      try {
        return pods.updateStatus(pod.withStatus(change.apply(pod.status())));
      } catch (ConflictException e) {
        if (attempt > 20) {
          throw e;
        }
      }
    }
  }

  /** Polling with a deadline (never sleep-and-hope). */
  public static final class Await {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private Await() {}

    /** Polls {@code probe} until it answers non-null; fails after 15 s naming {@code what}. */
    public static <T> T until(String what, java.util.function.Supplier<T> probe) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (true) {
        T v = probe.get();
        if (v != null) {
          return v;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("timed out waiting for " + what);
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted waiting for " + what, e);
        }
      }
    }

    /** Polls until {@code value} satisfies {@code test}; returns the value. */
    public static <T> T until(
        String what, java.util.function.Supplier<T> value, Predicate<? super T> test) {
      Object[] last = new Object[1];
      try {
        return until(
            what,
            () -> {
              T v = value.get();
              last[0] = v;
              return v != null && test.test(v) ? v : null;
            });
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; last seen: " + last[0], e);
      }
    }

    /** Checks that {@code value} keeps satisfying {@code test} for {@code period}. */
    public static <T> void stays(
        String what,
        java.util.function.Supplier<T> value,
        Predicate<? super T> test,
        Duration period) {
      long end = System.nanoTime() + period.toNanos();
      while (System.nanoTime() < end) {
        T v = value.get();
        if (!test.test(v)) {
          throw new AssertionError(what + " changed: " + v);
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
