package dev.keelson.scheduler.internal;

import dev.keelson.scheduler.framework.PodInfo;
import java.util.Set;

/**
 * A pod in the scheduling queue (kube-scheduler's {@code QueuedPodInfo}): the pod, when it was
 * (re)queued, when it was first tried, how often it was tried, and which plugins rejected it last.
 */
public final class QueuedPod {
  volatile PodInfo info;
  long timestampNanos;
  final long initialAttemptNanos;
  int attempts;
  Set<String> unschedulablePlugins = Set.of();
  long seq;

  QueuedPod(PodInfo info, long nowNanos) {
    this.info = info;
    this.timestampNanos = nowNanos;
    this.initialAttemptNanos = nowNanos;
  }

  /** The pod. */
  public PodInfo info() {
    return info;
  }

  /** How often the pod was popped for scheduling. */
  public int attempts() {
    return attempts;
  }

  /** The plugins that rejected the pod in its last attempt. */
  public Set<String> unschedulablePlugins() {
    return unschedulablePlugins;
  }

  /** Sets the plugins that rejected the pod (before handing it back to the queue). */
  public void setUnschedulablePlugins(Set<String> plugins) {
    this.unschedulablePlugins = Set.copyOf(plugins);
  }
}
