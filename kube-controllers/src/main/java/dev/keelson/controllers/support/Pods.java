package dev.keelson.controllers.support;

import dev.keelson.api.core.v1.ContainerStatus;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodCondition;
import java.time.Duration;
import java.time.Instant;

/** Pod state as the workload controllers judge it (Kubernetes' {@code podutil} rules). */
public final class Pods {
  private Pods() {}

  /** Whether the pod has ended: phase {@code Succeeded} or {@code Failed}. */
  public static boolean isTerminal(Pod pod) {
    String phase = pod.status() == null ? null : pod.status().phase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** Whether the pod is being deleted (has a deletionTimestamp). */
  public static boolean isTerminating(Pod pod) {
    return pod.metadata() != null && pod.metadata().deletionTimestamp() != null;
  }

  /**
   * Whether the pod counts as active for its controller: neither terminal nor being deleted (as
   * {@code controller.IsPodActive}).
   */
  public static boolean isActive(Pod pod) {
    return !isTerminal(pod) && !isTerminating(pod);
  }

  /** Whether the pod's {@code Ready} condition is {@code True}. */
  public static boolean isReady(Pod pod) {
    return pod.status() != null && pod.status().isReady();
  }

  /**
   * Whether the pod is available: Ready, and Ready for at least {@code minReadySeconds} at {@code
   * now} (by the condition's lastTransitionTime), as {@code podutil.IsPodAvailable}.
   */
  public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    if (!isReady(pod)) {
      return false;
    }
    if (minReadySeconds <= 0) {
      return true;
    }
    PodCondition ready = pod.status().condition("Ready");
    Instant since = ready.lastTransitionTime();
    return since != null && !since.plus(Duration.ofSeconds(minReadySeconds)).isAfter(now);
  }

  /** When the pod last became Ready, or {@code null} when it is not Ready. */
  public static Instant readySince(Pod pod) {
    if (!isReady(pod)) {
      return null;
    }
    PodCondition ready = pod.status().condition("Ready");
    return ready == null ? null : ready.lastTransitionTime();
  }

  /** The highest restart count of the pod's containers (0 without statuses). */
  public static int maxRestarts(Pod pod) {
    if (pod.status() == null) {
      return 0;
    }
    int max = 0;
    for (ContainerStatus c : pod.status().containerStatuses()) {
      if (c.restartCount() != null) {
        max = Math.max(max, c.restartCount());
      }
    }
    return max;
  }

  /** The pod's phase, or {@code ""} without a status. */
  public static String phase(Pod pod) {
    String phase = pod.status() == null ? null : pod.status().phase();
    return phase == null ? "" : phase;
  }
}
