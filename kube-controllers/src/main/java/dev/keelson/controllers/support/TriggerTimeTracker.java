package dev.keelson.controllers.support;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodCondition;
import dev.keelson.api.core.v1.Service;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The value of the {@code endpoints.kubernetes.io/last-change-trigger-time} annotation, as
 * Kubernetes' trigger-time tracker computes it: the earliest change not yet reflected in a
 * Service's endpoints, where a pod's change time is its {@code Ready} condition's
 * lastTransitionTime and the Service's is its creationTimestamp. Thread-safe.
 */
public final class TriggerTimeTracker {
  private record State(Instant service, Map<String, Instant> pods) {}

  private final Map<String, State> states = new HashMap<>();

  /**
   * The earliest trigger time among the Service and the pods that changed since the state last
   * {@linkplain #observed observed} for {@code key}, or {@code null} when none changed.
   */
  public synchronized Instant compute(String key, Service service, List<Pod> pods) {
    State old = states.get(key);
    Instant min = null;
    Instant serviceTime = serviceTime(service);
    if (old == null || !Objects.equals(old.service(), serviceTime)) {
      min = serviceTime;
    }
    for (Pod pod : pods) {
      Instant t = readyTransition(pod);
      if (t == null) {
        continue;
      }
      Instant before = old == null ? null : old.pods().get(pod.metadata().name());
      if (!t.equals(before) && (min == null || t.isBefore(min))) {
        min = t;
      }
    }
    return min;
  }

  /**
   * Remembers the state that the Service's endpoints now reflect (call after a successful write, or
   * when nothing needed writing), so that a failed write keeps its trigger time for the retry.
   */
  public synchronized void observed(String key, Service service, List<Pod> pods) {
    Map<String, Instant> now = new HashMap<>();
    for (Pod pod : pods) {
      Instant t = readyTransition(pod);
      if (t != null) {
        now.put(pod.metadata().name(), t);
      }
    }
    states.put(key, new State(serviceTime(service), now));
  }

  private static Instant serviceTime(Service service) {
    return service.metadata() == null ? null : service.metadata().creationTimestamp();
  }

  /** Forgets a Service (it was deleted). */
  public synchronized void forget(String key) {
    states.remove(key);
  }

  private static Instant readyTransition(Pod pod) {
    if (pod.status() == null) {
      return null;
    }
    PodCondition ready = pod.status().condition("Ready");
    return ready == null ? null : ready.lastTransitionTime();
  }
}
