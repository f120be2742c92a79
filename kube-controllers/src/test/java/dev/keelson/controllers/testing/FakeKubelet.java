package dev.keelson.controllers.testing;

import dev.keelson.api.core.v1.ContainerStatus;
import dev.keelson.api.core.v1.ContainerStatusBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodCondition;
import dev.keelson.api.core.v1.PodStatusBuilder;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.DeleteOptionsBuilder;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.Pods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plays the kubelet for controller tests (there is no node agent): marks pods Running and Ready
 * (with the Ready condition's lastTransitionTime from the test's clock) and confirms the deletion
 * of terminating pods (grace 0), on demand or in the background.
 */
public final class FakeKubelet implements AutoCloseable {
  private final Resources<Pod> pods;
  private final Clock clock;
  private volatile Thread background;

  /** A kubelet for the pods of {@code namespace}. */
  public FakeKubelet(KubeClient client, Clock clock, String namespace) {
    this.pods = client.resources(Pod.class).inNamespace(namespace);
    this.clock = clock;
  }

  /** The pods of the namespace, as the API has them now. */
  public List<Pod> pods() {
    return pods.list(ListOptions.none()).items();
  }

  /** The active (not terminal, not terminating) pods. */
  public List<Pod> activePods() {
    return pods().stream().filter(Pods::isActive).toList();
  }

  /** Deletes (grace 0) every terminating pod, as a kubelet does once containers stopped. */
  public int finalizeTerminating() {
    int n = 0;
    for (Pod p : pods()) {
      if (Pods.isTerminating(p)) {
        try {
          pods.delete(
              p.metadata().name(), DeleteOptionsBuilder.builder().gracePeriodSeconds(0L).build());
          n++;
        } catch (NotFoundException e) {
          // gone already
        }
      }
    }
    return n;
  }

  /** Marks the pod Running and Ready since now on the clock; empty if it changed or vanished. */
  public Optional<Pod> markReady(Pod pod) {
    return setStatus(pod, "Running", true, 0);
  }

  /** Marks the pod Running but not Ready. */
  public Optional<Pod> markRunningNotReady(Pod pod) {
    return setStatus(pod, "Running", false, 0);
  }

  /** Gives the pod {@code phase}, readiness and a container restart count. */
  public Optional<Pod> setStatus(Pod pod, String phase, boolean ready, int restarts) {
    Instant now = clock.instant();
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(new PodCondition("PodScheduled", null, "True", null, now, null, null));
    conditions.add(
        new PodCondition("Ready", null, ready ? "True" : "False", null, now, null, null));
    List<ContainerStatus> containers = new ArrayList<>();
    if (pod.spec() != null) {
      pod.spec()
          .containers()
          .forEach(
              c ->
                  containers.add(
                      ContainerStatusBuilder.builder()
                          .name(c.name())
                          .image(c.image())
                          .ready(ready)
                          .started(true)
                          .restartCount(restarts)
                          .build()));
    }
    Pod updated =
        pod.withStatus(
            PodStatusBuilder.builder()
                .phase(phase)
                .conditions(conditions)
                .containerStatuses(containers)
                .startTime(now)
                .build());
    try {
      return Optional.of(pods.updateStatus(updated));
    } catch (ConflictException | NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Confirms deletions and makes every active pod that is not Ready Ready; returns how many. */
  public int readyAll() {
    finalizeTerminating();
    int n = 0;
    for (Pod p : activePods()) {
      if (!Pods.isReady(p) && markReady(p).isPresent()) {
        n++;
      }
    }
    return n;
  }

  /** Confirms deletions and makes the oldest active pod that is not Ready Ready. */
  public boolean readyOne() {
    finalizeTerminating();
    for (Pod p : activePods()) {
      if (!Pods.isReady(p) && markReady(p).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@link #readyAll()} every {@code periodMillis} on a background thread until closed. */
  public FakeKubelet startBackground(long periodMillis) {
    background =
        Thread.ofVirtual()
            .name("fake-kubelet")
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      readyAll();
                    } catch (RuntimeException e) {
                      // the server went away or a race: try again
                    }
                    try {
                      Thread.sleep(periodMillis);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    return this;
  }

  @Override
  public void close() throws InterruptedException {
    Thread t = background;
    if (t != null) {
      t.interrupt();
      t.join(5000);
    }
  }
}
