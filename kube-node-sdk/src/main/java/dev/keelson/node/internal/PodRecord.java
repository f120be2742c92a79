package dev.keelson.node.internal;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.Pod;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's state of one pod (by namespace/name): its latest spec from the API, its sandbox,
 * network and containers. Every field is guarded by this object's monitor.
 */
final class PodRecord {
  final String key;

  /** The pod the current (or last) sync works on: {@link #newest} as that sync began. */
  Pod pod;

  /**
   * The newest copy of the pod, from the source or from this agent's status writes. It has a lock
   * of its own, so that the source never waits for a sync, which holds this record's monitor across
   * runtime calls (an image pull can take minutes).
   */
  private Pod newest; // guarded by incoming

  private final Object incoming = new Object();

  /** The pod is gone from the API (set without the record's monitor, by the source). */
  volatile boolean removed;

  String sandboxId;
  boolean sandboxReady;
  boolean networkSetUp;
  List<String> podIps = List.of();
  Instant startTime;

  /** The containers, by name, in the order first seen (ephemeral ones among them). */
  final Map<String, ContainerRecord> containers = new LinkedHashMap<>();

  /** The pod is being torn down (deletion or removal); the killer thread owns it. */
  boolean terminating;

  /** Every container was stopped because the pod is being deleted. */
  boolean killedForDeletion;

  /** The pod's volumes as last set up, by name. */
  Map<String, MountedVolume> volumes = Map.of();

  /** Every volume was set up at least once (containers may start). */
  boolean volumesReady;

  /** The API objects read during the current sync (null outside a sync). */
  ConfigSources sources;

  /** An init container failed for good (restartPolicy Never). */
  boolean initFailed;

  PodRecord(String key, Pod pod) {
    this.key = key;
    this.pod = pod;
    this.newest = pod;
  }

  /**
   * Takes {@code p} as the newest copy unless the one held has a higher resourceVersion; answers
   * the one held before.
   */
  Pod offer(Pod p) {
    synchronized (incoming) {
      Pod before = newest;
      newest = newer(before, p);
      return before;
    }
  }

  /** The newest copy of the pod. */
  Pod newest() {
    synchronized (incoming) {
      return newest;
    }
  }

  private static Pod newer(Pod a, Pod b) {
    try {
      long ra = Long.parseLong(a.metadata().resourceVersion());
      long rb = Long.parseLong(b.metadata().resourceVersion());
      return rb >= ra ? b : a;
    } catch (RuntimeException e) {
      return b;
    }
  }

  String uid() {
    return pod.metadata().uid();
  }

  ContainerRecord container(Container c, boolean init) {
    return containers.computeIfAbsent(c.name(), n -> new ContainerRecord(n, init));
  }

  /** The record of ephemeral container {@code c} (names are unique across every list). */
  ContainerRecord ephemeral(Container c) {
    return containers.computeIfAbsent(c.name(), n -> new ContainerRecord(n, false, true));
  }

  void stopAllProbes() {
    for (ContainerRecord c : containers.values()) {
      c.stopProbes();
      if (c.backoffTimer != null) {
        c.backoffTimer.cancel();
        c.backoffTimer = null;
      }
    }
  }
}
