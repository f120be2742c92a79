package dev.keelson.controllers.gc;

import dev.keelson.api.GroupResource;
import java.time.Duration;
import java.util.Set;

/**
 * Tuning of the {@link GarbageCollector}.
 *
 * @param deleteWorkers workers deleting dependents and releasing foreground owners
 *     (kube-controller-manager's --concurrent-gc-syncs is 20)
 * @param orphanWorkers workers orphaning dependents
 * @param rediscoveryPeriod how often discovery is read again to watch new resources (30 s in
 *     Kubernetes)
 * @param ignored resources never watched (Kubernetes ignores events)
 * @param absentOwnerCacheSize owners remembered as verified absent
 */
public record GarbageCollectorOptions(
    int deleteWorkers,
    int orphanWorkers,
    Duration rediscoveryPeriod,
    Set<GroupResource> ignored,
    int absentOwnerCacheSize) {

  public GarbageCollectorOptions {
    if (deleteWorkers < 1 || orphanWorkers < 1) {
      throw new IllegalArgumentException("at least one worker of each kind is needed");
    }
    if (rediscoveryPeriod == null || rediscoveryPeriod.isNegative() || rediscoveryPeriod.isZero()) {
      throw new IllegalArgumentException("rediscoveryPeriod must be positive");
    }
    ignored = ignored == null ? Set.of() : Set.copyOf(ignored);
    if (absentOwnerCacheSize < 1) {
      throw new IllegalArgumentException("absentOwnerCacheSize must be positive");
    }
  }

  /**
   * 4 delete workers, 2 orphan workers, rediscovery every 30 s, events ignored, 500 absent owners.
   */
  public static GarbageCollectorOptions defaults() {
    return new GarbageCollectorOptions(
        4,
        2,
        Duration.ofSeconds(30),
        Set.of(GroupResource.of("", "events"), GroupResource.of("events.k8s.io", "events")),
        500);
  }

  /** These options with another rediscovery period. */
  public GarbageCollectorOptions withRediscoveryPeriod(Duration period) {
    return new GarbageCollectorOptions(
        deleteWorkers, orphanWorkers, period, ignored, absentOwnerCacheSize);
  }

  /** These options with other worker counts. */
  public GarbageCollectorOptions withWorkers(int delete, int orphan) {
    return new GarbageCollectorOptions(
        delete, orphan, rediscoveryPeriod, ignored, absentOwnerCacheSize);
  }
}
