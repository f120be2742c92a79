package dev.keelson.controllers.replicaset;

import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.apps.v1.ReplicaSetStatus;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.api.selector.Selector;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.cache.Indexer;
import dev.keelson.controller.events.EventRecorder;
import dev.keelson.controller.reconcile.Reconciler;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.ApiErrors;
import dev.keelson.controllers.support.ControllerRefManager;
import dev.keelson.controllers.support.ControllerRefs;
import dev.keelson.controllers.support.Expectations;
import dev.keelson.controllers.support.PodDeletionOrder;
import dev.keelson.controllers.support.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One pass of the ReplicaSet controller over one ReplicaSet ({@code syncReplicaSet}). */
final class ReplicaSetSync implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(ReplicaSetSync.class);

  private final KubeClient client;
  private final Indexer<ReplicaSet> replicaSets;
  private final Indexer<Pod> pods;
  private final Expectations expectations;
  private final EventRecorder events;
  private final Clock clock;

  ReplicaSetSync(
      KubeClient client,
      Indexer<ReplicaSet> replicaSets,
      Indexer<Pod> pods,
      Expectations expectations,
      EventRecorder events,
      Clock clock) {
    this.client = client;
    this.replicaSets = replicaSets;
    this.pods = pods;
    this.expectations = expectations;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public Result reconcile(Request request) throws Exception {
    String key = ReplicaSetController.key(request.namespace(), request.name());
    Optional<ReplicaSet> cached = replicaSets.get(request.namespace(), request.name());
    if (cached.isEmpty()) {
      expectations.forget(key);
      return Result.done();
    }
    ReplicaSet rs = cached.get();
    boolean needsSync = expectations.satisfied(key);
    Selector selector;
    try {
      selector = Selector.fromLabelSelector(rs.spec().selector());
    } catch (IllegalArgumentException e) {
      log.warn("replicaset {}: invalid selector: {}", key, e.getMessage());
      return Result.done();
    }
    String ns = request.namespace();
    Resources<Pod> podApi = client.resources(Pod.class).inNamespace(ns);
    List<Pod> active = pods.list(ns).stream().filter(Pods::isActive).toList();
    List<Pod> claimed =
        new ControllerRefManager<>(rs, selector, podApi, () -> canAdopt(rs)).claim(active);

    ApiException manageError = null;
    int diff = claimed.size() - replicas(rs);
    if (needsSync && rs.metadata().deletionTimestamp() == null) {
      try {
        manageReplicas(key, rs, claimed, podApi);
      } catch (ApiException e) {
        manageError = e;
      }
    }
    Instant now = clock.instant();
    ReplicaSetStatus status = ReplicaSetStatuses.calculate(rs, claimed, manageError, diff, now);
    updateStatus(rs, status);
    if (manageError != null) {
      throw manageError; // retried with backoff, as Kubernetes returns the error
    }
    Duration untilAvailable = ReplicaSetStatuses.untilNextAvailable(rs, claimed, now);
    return untilAvailable == null ? Result.done() : Result.requeueAfter(untilAvailable);
  }

  static int replicas(ReplicaSet rs) {
    Integer r = rs.spec().replicas();
    return r == null ? 1 : r;
  }

  private boolean canAdopt(ReplicaSet rs) {
    try {
      ReplicaSet fresh =
          client
              .resources(ReplicaSet.class)
              .inNamespace(rs.metadata().namespace())
              .get(rs.metadata().name());
      return Objects.equals(fresh.metadata().uid(), rs.metadata().uid())
          && fresh.metadata().deletionTimestamp() == null;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private void manageReplicas(String key, ReplicaSet rs, List<Pod> claimed, Resources<Pod> podApi) {
    int diff = claimed.size() - replicas(rs);
    if (diff < 0) {
      int count = Math.min(-diff, ReplicaSetController.BURST_REPLICAS);
      expectations.expectCreations(key, count);
      Pod pod = podFromTemplate(rs);
      SlowStart.Outcome outcome = SlowStart.run(count, () -> create(rs, podApi, pod));
      for (int skipped = count - outcome.successes(); skipped > 0; skipped--) {
        expectations.creationObserved(key); // never to be seen
      }
      if (outcome.error() != null) {
        throw outcome.error();
      }
    } else if (diff > 0) {
      int count = Math.min(diff, ReplicaSetController.BURST_REPLICAS);
      List<Pod> victims = podsToDelete(rs, claimed, count);
      Set<String> keys = new LinkedHashSet<>();
      for (Pod p : victims) {
        keys.add(ReplicaSetController.key(p.metadata().namespace(), p.metadata().name()));
      }
      expectations.expectDeletions(key, keys);
      AtomicReference<ApiException> error = new AtomicReference<>();
      List<Thread> threads = new ArrayList<>();
      for (Pod p : victims) {
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      String podKey =
                          ReplicaSetController.key(p.metadata().namespace(), p.metadata().name());
                      try {
                        podApi.delete(p.metadata().name(), null);
                        events.normal(
                            rs, "SuccessfulDelete", "Deleted pod: " + p.metadata().name());
                      } catch (NotFoundException e) {
                        expectations.deletionObserved(key, podKey);
                      } catch (ApiException e) {
                        expectations.deletionObserved(key, podKey);
                        events.warning(rs, "FailedDelete", "Error deleting: " + e.getMessage());
                        error.compareAndSet(null, e);
                      }
                    }));
      }
      SlowStart.joinAll(threads);
      if (error.get() != null) {
        throw error.get();
      }
    }
  }

  private void create(ReplicaSet rs, Resources<Pod> podApi, Pod pod) {
    try {
      Pod created = podApi.create(pod);
      events.normal(rs, "SuccessfulCreate", "Created pod: " + created.metadata().name());
    } catch (ForbiddenException e) {
      if (ApiErrors.namespaceTerminating(e)) {
        return; // Kubernetes ignores creates refused by a terminating namespace
      }
      events.warning(rs, "FailedCreate", "Error creating: " + e.getMessage());
      throw e;
    } catch (ApiException e) {
      events.warning(rs, "FailedCreate", "Error creating: " + e.getMessage());
      throw e;
    }
  }

  /** The pod a ReplicaSet creates ({@code controller.GetPodFromTemplate}). */
  static Pod podFromTemplate(ReplicaSet rs) {
    PodTemplateSpec t = rs.spec().template();
    ObjectMeta tm = t.metadata() == null ? ObjectMetaBuilder.builder().build() : t.metadata();
    ObjectMeta meta =
        ObjectMetaBuilder.builder()
            .generateName(rs.metadata().name() + "-")
            .namespace(rs.metadata().namespace())
            .labels(tm.labels())
            .annotations(tm.annotations())
            .finalizers(tm.finalizers())
            .ownerReferences(List.of(ControllerRefs.of(rs)))
            .build();
    return new Pod(Pod.API_VERSION, Pod.KIND, meta, t.spec(), null);
  }

  private List<Pod> podsToDelete(ReplicaSet rs, List<Pod> claimed, int count) {
    Map<String, Integer> perNode = new HashMap<>();
    for (Pod p : relatedPods(rs)) {
      String node = p.spec() == null ? null : p.spec().nodeName();
      if (node != null && !node.isEmpty()) {
        perNode.merge(node, 1, Integer::sum);
      }
    }
    List<Pod> sorted = new ArrayList<>(claimed);
    sorted.sort(new PodDeletionOrder(perNode));
    return sorted.subList(0, Math.min(count, sorted.size()));
  }

  /**
   * The active pods of this ReplicaSet and of its siblings (ReplicaSets with the same controller,
   * such as the ReplicaSets of one Deployment), for ranking co-located pods.
   */
  private List<Pod> relatedPods(ReplicaSet rs) {
    String ns = rs.metadata().namespace();
    OwnerReference owner = ControllerRefs.controllerOf(rs.metadata());
    Set<String> family = new LinkedHashSet<>();
    family.add(rs.metadata().uid());
    if (owner != null) {
      for (ReplicaSet sibling : replicaSets.list(ns)) {
        if (ControllerRefs.isControlledBy(sibling.metadata(), owner.uid())) {
          family.add(sibling.metadata().uid());
        }
      }
    }
    List<Pod> related = new ArrayList<>();
    for (Pod p : pods.list(ns)) {
      OwnerReference ref = ControllerRefs.controllerOf(p.metadata());
      if (ref != null && family.contains(ref.uid()) && Pods.isActive(p)) {
        related.add(p);
      }
    }
    return related;
  }

  private void updateStatus(ReplicaSet rs, ReplicaSetStatus status) {
    if (Objects.equals(rs.status(), status)) {
      return;
    }
    Resources<ReplicaSet> api =
        client.resources(ReplicaSet.class).inNamespace(rs.metadata().namespace());
    ReplicaSet current = rs;
    for (int attempt = 0; ; attempt++) {
      try {
        api.updateStatus(current.withStatus(status));
        return;
      } catch (ConflictException e) {
        if (attempt >= 1) {
          throw e;
        }
        current = api.get(rs.metadata().name());
        if (!Objects.equals(current.metadata().uid(), rs.metadata().uid())) {
          return;
        }
      } catch (NotFoundException e) {
        return;
      }
    }
  }
}
