package dev.keelson.node.internal;

import dev.keelson.api.core.v1.Probe;
import dev.keelson.controller.time.Clock;
import dev.keelson.node.spi.ProbeResult;
import dev.keelson.node.spi.ProbeType;
import java.time.Duration;
import java.time.Instant;

/**
 * Probes one container instance with one probe, as kubelet's probe worker does: first at {@code
 * initialDelaySeconds} after the container started, then every {@code periodSeconds}; a result
 * changes the verdict only after {@code successThreshold} or {@code failureThreshold} runs in a
 * row; liveness and startup probes wait while the startup probe has not succeeded (startup itself
 * stops once it has). After a failing liveness or startup verdict the worker holds until the
 * container is replaced.
 */
final class ProbeWorker {
  private final PodWorkers owner;
  final PodRecord pod;
  final ContainerRecord container;
  final String containerId;
  final ProbeType type;
  final Probe probe;
  private Clock.Timer timer; // guarded by this
  private boolean stopped; // written under both the pod's lock and this
  private ProbeResult lastResult;
  private int resultRun;
  private boolean onHold;

  ProbeWorker(
      PodWorkers owner,
      PodRecord pod,
      ContainerRecord container,
      String containerId,
      ProbeType type,
      Probe probe) {
    this.owner = owner;
    this.pod = pod;
    this.container = container;
    this.containerId = containerId;
    this.type = type;
    this.probe = withDefaults(probe);
  }

  /** The probe with kubelet's defaults filled in. */
  static Probe withDefaults(Probe p) {
    return p.withInitialDelaySeconds(orDefault(p.initialDelaySeconds(), 0))
        .withPeriodSeconds(orDefault(p.periodSeconds(), 10))
        .withTimeoutSeconds(orDefault(p.timeoutSeconds(), 1))
        .withSuccessThreshold(orDefault(p.successThreshold(), 1))
        .withFailureThreshold(orDefault(p.failureThreshold(), 3));
  }

  private static int orDefault(Integer v, int d) {
    return v == null || v <= 0 ? d : v;
  }

  /** Arms the first run, {@code initialDelaySeconds} after {@code startedAt}. Under pod's lock. */
  void start(Clock clock, Instant startedAt) {
    Duration first =
        Duration.between(clock.instant(), startedAt.plusSeconds(probe.initialDelaySeconds()));
    synchronized (this) {
      timer = clock.schedule(first.isNegative() ? Duration.ZERO : first, () -> tick(clock));
    }
  }

  /**
   * A period's timer: arms the next and probes on a virtual thread. A timer task must not wait for
   * the pod's lock: a sync holds it across runtime calls (an image pull can take minutes), and the
   * clock's timer thread is shared (leases, work queues, other pods' probes).
   */
  private void tick(Clock clock) {
    synchronized (this) {
      if (stopped) {
        return;
      }
      timer = clock.schedule(Duration.ofSeconds(probe.periodSeconds()), () -> tick(clock));
    }
    Thread.ofVirtual().name("probe " + container.name + " " + type).start(this::probeIfDue);
  }

  private void probeIfDue() {
    synchronized (pod) {
      if (stopped || onHold || !containerId.equals(container.containerId)) {
        return;
      }
      if (type == ProbeType.STARTUP && container.started) {
        return;
      }
      if (type != ProbeType.STARTUP && !container.started) {
        return;
      }
    }
    owner.runProbe(this);
  }

  /**
   * Counts one result (under the pod's lock).
   *
   * @return the new verdict when it changed, null when it did not
   */
  ProbeResult record(ProbeResult result) {
    if (stopped || onHold || result == ProbeResult.UNKNOWN) {
      return null;
    }
    if (result == lastResult) {
      resultRun++;
    } else {
      lastResult = result;
      resultRun = 1;
    }
    int needed =
        result == ProbeResult.SUCCESS ? probe.successThreshold() : probe.failureThreshold();
    if (resultRun < needed) {
      return null;
    }
    if (result == ProbeResult.FAILURE && type != ProbeType.READINESS) {
      onHold = true;
      resultRun = 0;
    }
    return result;
  }

  /** Stops the worker (under the pod's lock). */
  synchronized void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel();
    }
  }
}
