package dev.keelson.controllers.support;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pod writes a controller made that its informer has not shown yet (the role of Kubernetes'
 * {@code ControllerExpectations}): a controller records the pods it created and deleted per owner,
 * and {@link #view} lays them over the cache, so that a reconcile that runs before the cache caught
 * up neither creates a pod twice nor counts a deleted one as active. An entry ends when the cache
 * shows the write (the created uid appears; the deleted pod vanishes or carries a
 * deletionTimestamp), or after five minutes on the clock, as Kubernetes' expectations time out.
 */
public final class PendingPods {
  /** How long an unobserved write is trusted (Kubernetes' {@code ExpectationsTimeout}). */
  public static final Duration TIMEOUT = Duration.ofMinutes(5);

  private record Write(Pod pod, Instant at) {}

  private final Clock clock;
  private final Map<String, Map<String, Write>> created = new HashMap<>();
  private final Map<String, Map<String, Write>> deleted = new HashMap<>();

  /** Pending writes timed on {@code clock}. */
  public PendingPods(Clock clock) {
    this.clock = clock;
  }

  /** Records that {@code pod} (as the server returned it) was created for {@code owner}. */
  public synchronized void created(String owner, Pod pod) {
    created.computeIfAbsent(owner, k -> new HashMap<>()).put(uid(pod), new Write(pod, now()));
  }

  /** Records that {@code pod} of {@code owner} was deleted. */
  public synchronized void deleted(String owner, Pod pod) {
    deleted.computeIfAbsent(owner, k -> new HashMap<>()).put(uid(pod), new Write(pod, now()));
  }

  /** Forgets everything about {@code owner} (it is gone). */
  public synchronized void forget(String owner) {
    created.remove(owner);
    deleted.remove(owner);
  }

  /**
   * The owner's pods as the cache shows them ({@code cached}) with the writes it does not show yet:
   * created pods added, deleted pods marked terminating (a deletionTimestamp of now).
   */
  public synchronized List<Pod> view(String owner, List<Pod> cached) {
    Instant now = now();
    Map<String, Pod> byUid = new HashMap<>();
    for (Pod p : cached) {
      byUid.put(uid(p), p);
    }
    List<Pod> out = new ArrayList<>(cached.size());
    Map<String, Write> dels = deleted.getOrDefault(owner, Map.of());
    Map<String, Write> creates = created.getOrDefault(owner, Map.of());
    Set<String> doneDeletes = new HashSet<>();
    for (Pod p : cached) {
      Write d = dels.get(uid(p));
      if (d != null && !Pods.isTerminating(p) && !expired(d, now)) {
        ObjectMeta m = p.metadata();
        out.add(p.withMetadata(m.withDeletionTimestamp(now)));
      } else {
        out.add(p);
      }
    }
    for (Map.Entry<String, Write> e : dels.entrySet()) {
      Pod p = byUid.get(e.getKey());
      // Absent from the cache means gone, unless this controller created it and the cache has not
      // shown it yet: then the deletion still hides the create (below) until the cache catches up.
      boolean vanished = p == null && !creates.containsKey(e.getKey());
      if (vanished || (p != null && Pods.isTerminating(p)) || expired(e.getValue(), now)) {
        doneDeletes.add(e.getKey());
      }
    }
    doneDeletes.forEach(dels::remove);
    Set<String> doneCreates = new HashSet<>();
    for (Map.Entry<String, Write> e : creates.entrySet()) {
      if (byUid.containsKey(e.getKey()) || expired(e.getValue(), now)) {
        doneCreates.add(e.getKey());
      } else if (!dels.containsKey(e.getKey())) {
        out.add(e.getValue().pod());
      }
    }
    doneCreates.forEach(creates::remove);
    return out;
  }

  private static boolean expired(Write w, Instant now) {
    return !w.at().plus(TIMEOUT).isAfter(now);
  }

  private Instant now() {
    return clock.instant();
  }

  private static String uid(Pod p) {
    return p.metadata().uid();
  }
}
